package config

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// loadFile reads the YAML config file at path into c.
func (c *Config) loadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading config file: %w", err)
	}
	return c.applyYAML(path, data)
}

// applyYAML sets the options named by the keys of the YAML mapping in
// data; name is the file name used in errors. Unknown and repeated keys
// and malformed values are errors naming the key and its line.
func (c *Config) applyYAML(name string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty file sets nothing
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: expected a mapping of option names to values, got %s", name, root.Line, describe(root))
	}

	firstLine := make(map[string]int)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := resolve(root.Content[i]), root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s:%d: expected an option name as key, got %s", name, k.Line, describe(k))
		}
		key := k.Value
		if line, dup := firstLine[key]; dup {
			return fmt.Errorf("%s:%d: duplicate key %q (first at line %d)", name, k.Line, key, line)
		}
		firstLine[key] = k.Line

		o := c.lookup(key)
		if o == nil {
			if s := c.suggest(key, true); s != "" {
				return fmt.Errorf("%s:%d: unknown key %q (did you mean %q?)", name, k.Line, key, s)
			}
			return fmt.Errorf("%s:%d: unknown key %q", name, k.Line, key)
		}
		if o.noYAML {
			return fmt.Errorf("%s:%d: %q can only be given on the command line", name, k.Line, key)
		}
		if err := o.v.setYAML(v); err != nil {
			return fmt.Errorf("%s:%d: %s: %w", name, valueLine(k, v), key, err)
		}
	}
	return nil
}

// valueLine is the line of a value, or of its key when the value has none.
func valueLine(k, v *yaml.Node) int {
	if v != nil && v.Line > 0 {
		return v.Line
	}
	return k.Line
}
