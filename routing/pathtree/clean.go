package pathtree

import "strings"

// CleanPath returns the canonical form of a URL path: it adds a leading
// "/", collapses runs of "/", drops "." segments and resolves ".." segments
// (never above the root). A trailing "/" is kept, and a final "." segment
// also yields one, so "/a/b/" stays "/a/b/", "/a/." becomes "/a/" and
// "/a/b/.." becomes "/a". The empty path becomes "/".
//
// A path that is already clean, which is the common case for requests, is
// returned unchanged without allocating.
func CleanPath(p string) string {
	if isClean(p) {
		return p
	}
	return cleanSlow(p)
}

// isClean reports whether p starts with "/" and has no empty segment except
// a final one, and no "." or ".." segment.
func isClean(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	if !strings.Contains(p, "//") && !strings.Contains(p, "/.") {
		return true
	}
	start := 1
	for i := 1; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		switch i - start {
		case 0:
			if i < len(p) {
				return false
			}
		case 1:
			if p[start] == '.' {
				return false
			}
		case 2:
			if p[start] == '.' && p[start+1] == '.' {
				return false
			}
		}
		start = i + 1
	}
	return true
}

// cleanSlow builds the clean form of p.
func cleanSlow(p string) string {
	var stack [128]byte
	buf := stack[:0]
	for i := 0; i < len(p); {
		if p[i] == '/' {
			i++
			continue
		}
		j := i
		for j < len(p) && p[j] != '/' {
			j++
		}
		switch seg := p[i:j]; seg {
		case ".":
		case "..":
			k := len(buf) - 1
			for k > 0 && buf[k] != '/' {
				k--
			}
			if k < 0 {
				k = 0
			}
			buf = buf[:k]
		default:
			buf = append(buf, '/')
			buf = append(buf, seg...)
		}
		i = j
	}
	n := len(p)
	trailing := n > 0 && (p[n-1] == '/' || p == "." || (n >= 2 && p[n-2] == '/' && p[n-1] == '.'))
	if len(buf) == 0 || trailing {
		buf = append(buf, '/')
	}
	return string(buf)
}
