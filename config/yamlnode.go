package config

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// resolve follows YAML aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// isNull tells whether n is an empty or null YAML value.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// yamlScalar returns the text of a scalar node, "" for null, and an error
// naming what was expected for sequences and mappings.
func yamlScalar(n *yaml.Node, want string) (string, error) {
	n = resolve(n)
	if isNull(n) {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("expected %s, got %s", want, describe(n))
	}
	return n.Value, nil
}

// yamlStrings returns the items of a sequence of scalars, or the single
// item of a scalar; null gives no items.
func yamlStrings(n *yaml.Node, want string) ([]string, error) {
	n = resolve(n)
	switch {
	case isNull(n):
		return nil, nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}, nil
	case n.Kind == yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, item := range n.Content {
			item = resolve(item)
			if isNull(item) {
				continue
			}
			if item.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("expected %s, got %s in the list (line %d)", want, describe(item), item.Line)
			}
			out = append(out, item.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected %s, got %s", want, describe(n))
}

// describe says what a node is, for error messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case isNull(n):
		return "nothing"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	}
	return fmt.Sprintf("%q", strings.TrimSpace(n.Value))
}
