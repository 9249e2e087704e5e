package main

import (
	"flag"
	"sort"
)

// notBuilt is the reason given for every use of the etcd medium.
const notBuilt = "the etcd medium is not built yet; eskip reads routes from files, -routes and standard input"

// etcdFlagNames are the flags of the etcd medium. They are accepted by every
// command, so that using one gives a clear answer instead of an unknown-flag
// error, and hidden from the help of the commands that work without etcd.
func etcdFlagNames() map[string]bool {
	return map[string]bool{
		"etcd-urls":        true,
		"etcd-prefix":      true,
		"etcd-oauth-token": true,
		"ids":              true,
		"insecure":         true,
	}
}

// etcdFlags records which etcd flags were given.
type etcdFlags struct {
	used []string
}

// addEtcdFlags defines the etcd flags on fs.
func addEtcdFlags(fs *flag.FlagSet) *etcdFlags {
	e := &etcdFlags{}
	mark := func(name string) func(string) error {
		return func(string) error {
			e.used = append(e.used, name)
			return nil
		}
	}
	fs.Func("etcd-urls", "comma-separated `urls` of the etcd servers (not built yet)", mark("etcd-urls"))
	fs.Func("etcd-prefix", "the `prefix` of the route keys in etcd (not built yet)", mark("etcd-prefix"))
	fs.Func("etcd-oauth-token", "the bearer `token` for etcd (not built yet)", mark("etcd-oauth-token"))
	fs.Func("ids", "comma-separated route `ids` to delete from etcd (not built yet)", mark("ids"))
	fs.BoolFunc("insecure", "skip TLS verification for etcd (not built yet)", mark("insecure"))
	return e
}

// check returns a usage error when any etcd flag was given.
func (e *etcdFlags) check() error {
	if len(e.used) == 0 {
		return nil
	}
	sort.Strings(e.used)
	return usageErrorf("-%s: %s", e.used[0], notBuilt)
}

// etcdCommand returns a command that writes to etcd and, until the etcd
// medium is built, only answers so.
func etcdCommand(name, summary, synopsis, help string) *command {
	return &command{
		name:     name,
		summary:  summary + " (not built yet)",
		synopsis: synopsis,
		etcd:     true,
		help:     help + "\n\nThe etcd medium is not built yet: this command exits with status 2.",
		setup: func(fs *flag.FlagSet) action {
			addInputFlags(fs)
			addEtcdFlags(fs)
			return func(*stdio, []string) error {
				return usageErrorf("%s: %s", name, notBuilt)
			}
		},
	}
}

// upsertCommand returns the upsert command.
func upsertCommand() *command {
	return etcdCommand("upsert", "write routes to etcd",
		"upsert [-etcd-urls urls] [-etcd-prefix prefix] [-routes '<eskip>'] [files...]",
		"Upsert writes every input route to etcd, replacing a stored route with the\nsame id. A route without an id gets a generated one.")
}

// resetCommand returns the reset command.
func resetCommand() *command {
	return etcdCommand("reset", "make etcd hold exactly the input routes",
		"reset [-etcd-urls urls] [-etcd-prefix prefix] [-routes '<eskip>'] [files...]",
		"Reset writes the input routes that differ from the stored ones to etcd,\nthen deletes the stored routes whose ids are not in the input.")
}

// deleteCommand returns the delete command.
func deleteCommand() *command {
	return etcdCommand("delete", "delete routes from etcd",
		"delete [-etcd-urls urls] [-etcd-prefix prefix] [-ids id,...] [-routes '<eskip>'] [files...]",
		"Delete removes the routes with the input ids, or the ids of -ids, from etcd.")
}
