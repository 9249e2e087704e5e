module github.com/openskipper/skipper

go 1.26

require (
	github.com/opentracing/opentracing-go v1.2.0
	github.com/sirupsen/logrus v1.10.2
	gopkg.in/yaml.v3 v3.0.1
)

require golang.org/x/sys v0.13.0 // indirect
