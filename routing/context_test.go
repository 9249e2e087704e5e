package routing

import (
	"context"
	"errors"
	"sync"
	"testing"
)

type testKeyA struct{}

type testKeyB struct{}

type testStringKey string

type testCtxKey string

func counter(v int) (func() int, *int) {
	calls := 0
	return func() int {
		calls++
		return v
	}, &calls
}

func TestFromContextMemoises(t *testing.T) {
	tests := []struct {
		name      string
		ctx       context.Context
		calls     int
		wantCalls int
	}{
		{name: "without memo computes every time", ctx: context.Background(), calls: 3, wantCalls: 3},
		{name: "with memo computes once", ctx: NewContext(context.Background()), calls: 3, wantCalls: 1},
		{name: "child of memo context shares the memo", ctx: func() context.Context {
			ctx, cancel := context.WithCancel(NewContext(context.Background()))
			t.Cleanup(cancel)
			return ctx
		}(), calls: 3, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, calls := counter(42)
			for i := 0; i < tt.calls; i++ {
				if got := FromContext(tt.ctx, testKeyA{}, f); got != 42 {
					t.Errorf("FromContext() got %d, want %d", got, 42)
				}
			}
			if *calls != tt.wantCalls {
				t.Errorf("defaultValue calls got %d, want %d", *calls, tt.wantCalls)
			}
		})
	}
}

func TestFromContextKeys(t *testing.T) {
	ctx := NewContext(context.Background())

	if got := FromContext(ctx, testKeyA{}, func() string { return "a" }); got != "a" {
		t.Errorf("key A got %q, want %q", got, "a")
	}
	if got := FromContext(ctx, testKeyB{}, func() string { return "b" }); got != "b" {
		t.Errorf("key B got %q, want %q", got, "b")
	}
	// Same underlying value, different key type: separate entries.
	if got := FromContext(ctx, testStringKey("x"), func() string { return "typed" }); got != "typed" {
		t.Errorf("typed key got %q, want %q", got, "typed")
	}
	if got := FromContext(ctx, "x", func() string { return "plain" }); got != "plain" {
		t.Errorf("plain key got %q, want %q", got, "plain")
	}
	// Memoised values are returned again.
	if got := FromContext(ctx, testKeyA{}, func() string { return "other" }); got != "a" {
		t.Errorf("key A again got %q, want %q", got, "a")
	}
	if got := FromContext(ctx, testStringKey("x"), func() string { return "other" }); got != "typed" {
		t.Errorf("typed key again got %q, want %q", got, "typed")
	}
}

func TestFromContextManyKeys(t *testing.T) {
	ctx := NewContext(context.Background())
	const n = 3 * memoInline
	for i := 0; i < n; i++ {
		FromContext(ctx, i, func() int { return i * 10 })
	}
	for i := 0; i < n; i++ {
		if got := FromContext(ctx, i, func() int { return -1 }); got != i*10 {
			t.Errorf("key %d got %d, want %d", i, got, i*10)
		}
	}
}

func TestFromContextOtherValueType(t *testing.T) {
	ctx := NewContext(context.Background())
	FromContext(ctx, testKeyA{}, func() int { return 1 })

	if got := FromContext(ctx, testKeyA{}, func() string { return "s" }); got != "s" {
		t.Errorf("other type got %q, want %q", got, "s")
	}
	if got := FromContext(ctx, testKeyA{}, func() string { return "t" }); got != "s" {
		t.Errorf("replaced value got %q, want %q", got, "s")
	}
}

func TestFromContextNilInterfaceValue(t *testing.T) {
	ctx := NewContext(context.Background())
	calls := 0
	f := func() error {
		calls++
		return nil
	}
	for i := 0; i < 3; i++ {
		if err := FromContext(ctx, testKeyA{}, f); err != nil {
			t.Errorf("FromContext() got %v, want nil", err)
		}
	}
	if calls != 1 {
		t.Errorf("defaultValue calls got %d, want 1", calls)
	}

	ctx = NewContext(context.Background())
	want := errors.New("boom")
	if got := FromContext(ctx, testKeyB{}, func() error { return want }); got != want {
		t.Errorf("FromContext() got %v, want %v", got, want)
	}
}

func TestFromContextRecursiveDefault(t *testing.T) {
	ctx := NewContext(context.Background())
	got := FromContext(ctx, testKeyA{}, func() int {
		return FromContext(ctx, testKeyB{}, func() int { return 2 }) + 1
	})
	if got != 3 {
		t.Errorf("recursive FromContext got %d, want 3", got)
	}
	if got := FromContext(ctx, testKeyB{}, func() int { return -1 }); got != 2 {
		t.Errorf("inner key got %d, want 2", got)
	}
}

func TestNewContextKeepsParent(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), testCtxKey("k"), "v"))
	ctx := NewContext(parent)

	if got, _ := ctx.Value(testCtxKey("k")).(string); got != "v" {
		t.Errorf("parent value got %q, want %q", got, "v")
	}
	cancel()
	select {
	case <-ctx.Done():
	default:
		t.Errorf("memo context not done after its parent was cancelled")
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("Err() got %v, want %v", ctx.Err(), context.Canceled)
	}
}

func TestFromContextConcurrent(t *testing.T) {
	ctx := NewContext(context.Background())
	const workers = 8
	results := make([]*int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = FromContext(ctx, testKeyA{}, func() *int { v := i; return &v })
		}()
	}
	wg.Wait()
	for i := 1; i < workers; i++ {
		if results[i] != results[0] {
			t.Errorf("worker %d got a different memoised value than worker 0", i)
		}
	}
}

func TestMemoAllocations(t *testing.T) {
	bg := context.Background()
	if n := testing.AllocsPerRun(100, func() { _ = NewContext(bg) }); n != 1 {
		t.Errorf("NewContext allocations got %v, want 1", n)
	}
	ctx := NewContext(bg)
	f := func() float64 { return 0.5 }
	FromContext(ctx, testKeyA{}, f)
	if n := testing.AllocsPerRun(100, func() { FromContext(ctx, testKeyA{}, f) }); n != 0 {
		t.Errorf("FromContext hit allocations got %v, want 0", n)
	}
}

func BenchmarkNewContext(b *testing.B) {
	bg := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_ = NewContext(bg)
	}
}

func BenchmarkFromContextHit(b *testing.B) {
	ctx := NewContext(context.Background())
	f := func() float64 { return 0.5 }
	FromContext(ctx, testKeyA{}, f)
	b.ReportAllocs()
	for b.Loop() {
		FromContext(ctx, testKeyA{}, f)
	}
}
