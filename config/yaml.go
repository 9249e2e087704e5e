package config

import (
	"os"

	"gopkg.in/yaml.v3"
)

// loadFile reads the YAML config file at path into c. Its errors are
// *FileError.
func (c *Config) loadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return readError(path, err)
	}
	return c.applyYAML(path, data)
}

// applyYAML sets the options named by the keys of the YAML mapping in
// data; name is the file name used in errors. Unknown and repeated keys
// and malformed values are errors naming the key and its line. Its errors
// are *FileError.
func (c *Config) applyYAML(name string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return syntaxError(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty file sets nothing
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return contentError(name, root.Line, "expected a mapping of option names to values, got %s", describe(root))
	}

	firstLine := make(map[string]int)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := resolve(root.Content[i]), root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return contentError(name, k.Line, "expected an option name as key, got %s", describe(k))
		}
		key := k.Value
		if line, dup := firstLine[key]; dup {
			return contentError(name, k.Line, "duplicate key %q (first at line %d)", key, line)
		}
		firstLine[key] = k.Line

		o := c.lookup(key)
		if o == nil {
			if s := c.suggest(key, true); s != "" {
				return contentError(name, k.Line, "unknown key %q (did you mean %q?)", key, s)
			}
			return contentError(name, k.Line, "unknown key %q", key)
		}
		if o.noYAML {
			return contentError(name, k.Line, "%q can only be given on the command line", key)
		}
		if err := o.v.setYAML(v); err != nil {
			return contentError(name, valueLine(k, v), "%s: %w", key, err)
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
