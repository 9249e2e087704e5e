package filters_test

import (
	"fmt"

	"github.com/openskipper/skipper/filters"
)

func ExampleParseArgs() {
	parse := func(args ...interface{}) error {
		a := filters.ParseArgs("setRequestHeader", args)
		name := a.String(0, "header name")
		value := a.Template(1, "header value")
		if err := a.Done(2); err != nil {
			return err
		}
		fmt.Println(name, value)
		return nil
	}
	fmt.Println(parse("X-Id", "${id}"))
	fmt.Println(parse("X-Id", 3.0))
	fmt.Println(parse("X-Id"))
	// Output:
	// X-Id ${id}
	// <nil>
	// setRequestHeader: argument 2 (header value): expected a string, got number 3: invalid filter parameters
	// setRequestHeader: expected 2 arguments, got 1: invalid filter parameters
}
