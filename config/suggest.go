package config

// suggest returns the option name closest to name by edit distance, or ""
// when none is close enough. With yamlOnly, options that cannot be set in
// the config file are left out.
func (c *Config) suggest(name string, yamlOnly bool) string {
	limit := max(2, len(name)/4)
	best, bestDist := "", limit+1
	for _, o := range c.options {
		if yamlOnly && o.noYAML {
			continue
		}
		if d := editDistance(name, o.name); d < bestDist {
			best, bestDist = o.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, counted in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
