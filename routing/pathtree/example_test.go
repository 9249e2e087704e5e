package pathtree_test

import (
	"fmt"

	"github.com/openskipper/skipper/routing/pathtree"
)

func Example() {
	b := pathtree.NewBuilder[string](nil)
	for pattern, route := range map[string]string{
		"/users/me":     "me",
		"/users/:id":    "user",
		"/files/*path":  "files",
		"/users/:id/x/": "user-x",
	} {
		if err := b.Set(pattern, route); err != nil {
			fmt.Println(err)
		}
	}
	tree := b.Tree()

	captured := make([]string, 0, 8)
	for _, path := range []string{"/users/me", "/users/42", "/users/42/x/", "/files/css/a.css", "/files/", "/a/../users/7"} {
		found := tree.Lookup(pathtree.CleanPath(path), captured, func(route string, values []string) bool {
			fmt.Printf("%s -> %s %q\n", path, route, values)
			return true
		})
		if !found {
			fmt.Printf("%s -> no match\n", path)
		}
	}
	_, err := tree.Set("/a/*rest/b", "bad")
	fmt.Println(err)

	// Output:
	// /users/me -> me []
	// /users/42 -> user ["42"]
	// /users/42/x/ -> user-x ["42"]
	// /files/css/a.css -> files ["/css/a.css"]
	// /files/ -> no match
	// /a/../users/7 -> user ["7"]
	// path pattern "/a/*rest/b": free wildcard param should be last
}
