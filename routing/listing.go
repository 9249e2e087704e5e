package routing

import (
	"slices"
	"sort"
	"strings"
)

// listingChunk is the size of the chunks of a listing; a chunk grows to
// twice that before it is split.
const listingChunk = 512

// listing is the valid routes of a table sorted by id, kept in immutable
// chunks, so that an update copies only the chunks it changes and the list
// of chunks: a few thousand pointers for a table of 800,000 routes, where
// a flat list would copy all of them.
type listing struct {
	chunks [][]*Route // each sorted by id and not empty
	n      int
}

func compareIDs(a, b *Route) int { return strings.Compare(a.Id, b.Id) }

// newListing returns the listing of routes, which must be sorted by id.
func newListing(sorted []*Route) *listing {
	l := &listing{n: len(sorted)}
	for len(sorted) > 0 {
		n := min(listingChunk, len(sorted))
		l.chunks = append(l.chunks, sorted[:n:n])
		sorted = sorted[n:]
	}
	return l
}

// flatten returns the routes as one slice.
func (l *listing) flatten() []*Route {
	out := make([]*Route, 0, l.n)
	for _, c := range l.chunks {
		out = append(out, c...)
	}
	return out
}

// chunkOf returns the index of the chunk where id belongs: the last one
// whose first id is not greater than id, or 0.
func (l *listing) chunkOf(id string) int {
	i := sort.Search(len(l.chunks), func(i int) bool { return l.chunks[i][0].Id > id })
	return max(i-1, 0)
}

// find returns the route with the id, or nil.
func (l *listing) find(id string) *Route {
	if len(l.chunks) == 0 {
		return nil
	}
	c := l.chunks[l.chunkOf(id)]
	i := sort.Search(len(c), func(i int) bool { return c[i].Id >= id })
	if i < len(c) && c[i].Id == id {
		return c[i]
	}
	return nil
}

// update returns a new listing without the routes of removed (which must
// be in l) and with those of added; l is unchanged.
func (l *listing) update(removed, added []*Route) *listing {
	if len(removed) == 0 && len(added) == 0 {
		return l
	}
	if len(l.chunks) == 0 {
		sorted := slices.Clone(added)
		slices.SortFunc(sorted, compareIDs)
		return newListing(sorted)
	}
	type change struct{ remove, add []*Route }
	changes := make(map[int]*change)
	at := func(id string) *change {
		i := l.chunkOf(id)
		c := changes[i]
		if c == nil {
			c = &change{}
			changes[i] = c
		}
		return c
	}
	for _, r := range removed {
		c := at(r.Id)
		c.remove = append(c.remove, r)
	}
	for _, r := range added {
		c := at(r.Id)
		c.add = append(c.add, r)
	}
	out := &listing{n: l.n - len(removed) + len(added), chunks: make([][]*Route, 0, len(l.chunks)+1)}
	for i, chunk := range l.chunks {
		c := changes[i]
		if c == nil {
			out.chunks = append(out.chunks, chunk)
			continue
		}
		merged := mergeChunk(chunk, c.remove, c.add)
		for len(merged) > 2*listingChunk {
			out.chunks = append(out.chunks, merged[:listingChunk:listingChunk])
			merged = merged[listingChunk:]
		}
		if len(merged) > 0 {
			out.chunks = append(out.chunks, merged)
		}
	}
	return out
}

// mergeChunk returns chunk without the routes of remove and with those of
// add, sorted by id.
func mergeChunk(chunk, remove, add []*Route) []*Route {
	add = slices.Clone(add)
	slices.SortFunc(add, compareIDs)
	var gone map[*Route]bool
	if len(remove) > 8 {
		gone = make(map[*Route]bool, len(remove))
		for _, r := range remove {
			gone[r] = true
		}
	}
	out := make([]*Route, 0, len(chunk)+len(add))
	i := 0
	for _, r := range chunk {
		if gone != nil && gone[r] || gone == nil && slices.Contains(remove, r) {
			continue
		}
		for i < len(add) && add[i].Id < r.Id {
			out = append(out, add[i])
			i++
		}
		out = append(out, r)
	}
	out = append(out, add[i:]...)
	return out[:len(out):len(out)]
}
