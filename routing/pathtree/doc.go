// Package pathtree is the path tree of the routing engine: a persistent,
// segment-based radix tree of path patterns, each holding a value.
//
// # Patterns
//
// A pattern is a path whose segments are static text, parameters or a final
// free wildcard. Patterns are cleaned like request paths (see CleanPath),
// so "a/./b//c" is the pattern "/a/b/c", and "/foo" and "/foo/" are two
// different patterns: the empty last segment of "/foo/" is a static segment.
//
//	Syntax         Kind             Matches                    Does not match
//	/              root             /                          /a
//	/users         static           /users                     /users/  /usersx  /users/1
//	/users/        static           /users/                    /users
//	/users/:id     parameter        /users/1  /users/me        /users  /users/  /users/1/  /users/1/x
//	/users/:id/    parameter        /users/1/                  /users/1  /users//
//	/files/*path   free wildcard    /files/a  /files/a/b/      /files  /files/
//	/*  /**        free wildcard    every path except /        /
//
// A parameter ":name" matches exactly one non-empty segment. A free
// wildcard "*name" must be the last segment; it matches the rest of the
// path, one or more characters after the slash. Its captured value keeps
// the leading slash: "/files/*path" on "/files/a/b/" captures "/a/b/". The
// free wildcards "*" and "**" are both named "*".
//
// Names do not matter for the tree: "/a/:x" and "/a/:y" are one pattern,
// whose canonical key, given by ParsePattern, is "/a/:*" (a free wildcard
// is "**" in a key). ParsePattern also returns the names, which the caller
// keeps per route. A ':' or '*' inside a segment ("/a:b", "/a/b*"), a free
// wildcard that is not last ("/a/*x/b") and a parameter without a name
// ("/a/:") are errors.
//
// # Lookup
//
// Tree.Lookup goes down the tree one segment at a time, trying at each node
// the static child first, then the parameter child, then the free wildcard
// child. Where the path ends at a node with a value it asks the caller's
// function whether the value matches (for routing: whether one of the
// routes in that leaf accepts the request); if not, it backtracks to the
// next alternative at that level and then at the levels above. So with the
// patterns "/u/me" and "/u/:id", the path "/u/me" is offered to "/u/me"
// first and to "/u/:id" when the first is rejected. Lookups allocate
// nothing when the buffer for the captured values has room.
//
// # Persistence
//
// A Tree never changes. Tree.Set and Tree.Delete return a new tree that
// shares every node off the changed pattern's path with the old one, so
// readers may keep using any version without locks while a writer makes the
// next one. A Builder applies many changes in place, copying each shared
// node once, and then freezes them with Builder.Tree. A node keeps up to 8
// static children in a sorted slice and more in a persistent hash trie, so
// that both a lookup and an update cost a few steps per segment whatever
// the number of siblings: the cost of an update depends on the depth of
// the pattern, not on the size of the table.
package pathtree
