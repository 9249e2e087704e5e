module github.com/openskipper/skipper

go 1.26
