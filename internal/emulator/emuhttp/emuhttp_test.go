package emuhttp

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

var errNotFound = errors.New("not found")

type item struct {
	ID    string            `json:"id"`
	Tags  []string          `json:"tags,omitempty"`
	Attrs map[string]string `json:"attrs,omitempty"`
	Limit *int              `json:"limit,omitempty"`
}

type patch struct {
	Limit *int `json:"limit,omitempty"`
}

// store is a stand-in for an API's state methods.
type store struct{ items map[string]item }

func (s *store) list() []item { return []item{s.items["a"]} }

func (s *store) find(id string) (item, bool) {
	it, ok := s.items[id]
	return it, ok
}

func (s *store) update(id string, p patch) (item, error) {
	it, ok := s.items[id]
	switch {
	case !ok:
		return item{}, fmt.Errorf("item %q: %w", id, errNotFound)
	case p.Limit != nil && *p.Limit < 0:
		return item{}, errors.New("limit must not be negative")
	}
	it.Limit = p.Limit
	s.items[id] = it
	return it, nil
}

func (s *store) create(it item) (item, error) {
	if it.ID == "" {
		return item{}, errors.New("id is required")
	}
	s.items[it.ID] = it
	return it, nil
}

// serve runs one request through h as the server would route it.
func serve(pattern string, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	mux := http.NewServeMux()
	mux.Handle(pattern, h)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest(method, path, strings.NewReader(body)))
	return w
}

func wantAnswer(t *testing.T, w *httptest.ResponseRecorder, status int, body string) {
	t.Helper()
	if w.Code != status || w.Body.String() != body+"\n" {
		t.Errorf("answer = %d %q, want %d %q", w.Code, w.Body, status, body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestAdminBuilders(t *testing.T) {
	s := &store{items: map[string]item{"a": {ID: "a"}}}

	wantAnswer(t, serve("GET /items", Show(s.list), "GET", "/items", ""), 200, `[{"id":"a"}]`)

	find := Find("id", s.find, "item not found")
	wantAnswer(t, serve("GET /items/{id}", find, "GET", "/items/a", ""), 200, `{"id":"a"}`)
	wantAnswer(t, serve("GET /items/{id}", find, "GET", "/items/b", ""), 404, `{"error":"item not found"}`)

	upd := Update("id", s.update, errNotFound)
	wantAnswer(t, serve("PATCH /items/{id}", upd, "PATCH", "/items/a", `{"limit":3}`), 200, `{"id":"a","limit":3}`)
	wantAnswer(t, serve("PATCH /items/{id}", upd, "PATCH", "/items/b", `{}`), 404, `{"error":"item \"b\": not found"}`)
	wantAnswer(t, serve("PATCH /items/{id}", upd, "PATCH", "/items/a", `{"limit":-1}`), 400, `{"error":"limit must not be negative"}`)
	wantAnswer(t, serve("PATCH /items/{id}", upd, "PATCH", "/items/a", `{"limt":1}`), 400, `{"error":"invalid JSON body: json: unknown field \"limt\""}`)
	wantAnswer(t, serve("PATCH /items/{id}", upd, "PATCH", "/items/a", ``), 400, `{"error":"invalid JSON body: EOF"}`)

	create := Apply(http.StatusCreated, s.create, errNotFound)
	wantAnswer(t, serve("POST /items", create, "POST", "/items", `{"id":"c"}`), 201, `{"id":"c"}`)
	wantAnswer(t, serve("POST /items", create, "POST", "/items", `{}`), 400, `{"error":"id is required"}`)
	if _, ok := s.items["c"]; !ok {
		t.Error("Apply did not reach the store")
	}
}

func TestWriteErrorAndFail(t *testing.T) {
	w := httptest.NewRecorder()
	WriteError(w, http.StatusConflict, errors.New("taken"))
	wantAnswer(t, w, 409, `{"error":"taken"}`)

	w = httptest.NewRecorder()
	Fail(w, fmt.Errorf("user %q: %w", "x", errNotFound), errNotFound)
	wantAnswer(t, w, 404, `{"error":"user \"x\": not found"}`)

	w = httptest.NewRecorder()
	Fail(w, errors.New("bad value"), errNotFound)
	wantAnswer(t, w, 400, `{"error":"bad value"}`)
}

func TestDecodeStrict(t *testing.T) {
	var p patch
	r := httptest.NewRequest("PATCH", "/", strings.NewReader(`{"limit":2}`))
	if err := DecodeStrict(r, &p); err != nil || p.Limit == nil || *p.Limit != 2 {
		t.Fatalf("DecodeStrict = %v, %+v", err, p)
	}
	// An empty body wraps io.EOF, so the server's admin routes can allow it.
	r = httptest.NewRequest("PATCH", "/", strings.NewReader(""))
	if err := DecodeStrict(r, &p); !errors.Is(err, io.EOF) || err.Error() != "invalid JSON body: EOF" {
		t.Errorf("empty body: %v", err)
	}
	r = httptest.NewRequest("PATCH", "/", strings.NewReader(`{"limit":`+strings.Repeat(" ", MaxBodyBytes)+`1}`))
	var tooBig *http.MaxBytesError
	if err := DecodeStrict(r, &p); !errors.As(err, &tooBig) {
		t.Errorf("oversized body: %v", err)
	}
}

func TestReadBody(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("a=1"))
	if b, err := ReadBody(r); err != nil || string(b) != "a=1" {
		t.Errorf("ReadBody = %q, %v", b, err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("a", MaxBodyBytes+1)))
	var tooBig *http.MaxBytesError
	if _, err := ReadBody(r); !errors.As(err, &tooBig) {
		t.Errorf("oversized body: %v", err)
	}
}

func TestCloneJSON(t *testing.T) {
	limit := 5
	orig := item{ID: "a", Tags: []string{"x"}, Attrs: map[string]string{"k": "v"}, Limit: &limit}
	c := CloneJSON(orig)
	c.Tags[0], c.Attrs["k"], *c.Limit = "changed", "changed", 6
	if orig.Tags[0] != "x" || orig.Attrs["k"] != "v" || *orig.Limit != 5 {
		t.Fatalf("clone shares state: %+v", orig)
	}
	if c.ID != "a" {
		t.Errorf("clone = %+v", c)
	}
	// A value JSON cannot carry comes back as the zero value.
	type bad struct{ C chan int }
	if got := CloneJSON(bad{C: make(chan int)}); got.C != nil {
		t.Errorf("CloneJSON(chan) = %+v, want the zero value", got)
	}
}

func TestAdminPattern(t *testing.T) {
	got, ok := AdminPattern("identity", "PATCH /users/{name}")
	if !ok || got != "PATCH /_emulator/identity/users/{name}" {
		t.Errorf("AdminPattern = %q, %v", got, ok)
	}
	// A pattern without a method, or with a path not starting with "/",
	// cannot be placed under the API's prefix.
	for _, rel := range []string{"GET users", "/users", "GET", ""} {
		if got, ok := AdminPattern("identity", rel); ok {
			t.Errorf("AdminPattern(%q) = %q, want a refusal", rel, got)
		}
	}
}

func TestCore(t *testing.T) {
	type fixture struct{ IDs []string }
	type state struct{ items map[string]*item }
	build := func(f fixture, _ time.Time) *state {
		st := &state{items: map[string]*item{}}
		for _, id := range f.IDs {
			st.items[id] = &item{ID: id}
		}
		return st
	}
	valid := func(f fixture) error {
		if len(f.IDs) == 0 {
			return errors.New("no ids")
		}
		return nil
	}
	var c Core[fixture, state]
	if err := c.Init("x", "/x/", fixture{}, nil, valid, build); err == nil || err.Error() != "x fixture: no ids" {
		t.Fatalf("Init(empty) = %v", err)
	}
	fx := fixture{IDs: []string{"b", "a"}}
	if err := c.Init("x", "/x/", fx, nil, valid, build); err != nil || c.Name() != "x" || c.PathPrefix() != "/x/" {
		t.Fatalf("Init = %v, %q %q", err, c.Name(), c.PathPrefix())
	}
	fx.IDs[0] = "changed" // Init keeps its own copy.
	c.St.items["c"] = &item{ID: "c"}
	c.Reset()
	id := func(it *item) string { return it.ID }
	if got, ok := View(&c, func(st *state) *item { return st.items["c"] }, id); ok {
		t.Errorf("Reset kept %q", got)
	}
	if got, ok := View(&c, func(st *state) *item { return st.items["b"] }, id); !ok || got != "b" {
		t.Errorf("View = %q, %v", got, ok)
	}
	all := ViewAll(&c, func(st *state) []*item { return Ordered(st.items, []string{"b", "a"}) }, id)
	if strings.Join(all, ",") != "b,a" {
		t.Errorf("ViewAll = %v", all)
	}
}
func TestMergeAndEdit(t *testing.T) {
	limit := 3
	it := item{ID: "a", Tags: []string{"x"}}
	Merge(&it, patch{Limit: &limit})
	if it.ID != "a" || it.Tags[0] != "x" || it.Limit == nil || *it.Limit != 3 {
		t.Errorf("Merge(limit) = %+v", it)
	}
	Merge(&it, patch{})
	if it.Limit == nil || *it.Limit != 3 {
		t.Errorf("Merge(nil) cleared the limit: %+v", it)
	}

	type state struct{ items map[string]*item }
	var c Core[struct{}, state]
	build := func(struct{}, time.Time) *state { return &state{items: map[string]*item{"a": {ID: "a"}}} }
	if err := c.Init("x", "/x/", struct{}{}, nil, func(struct{}) error { return nil }, build); err != nil {
		t.Fatal(err)
	}
	edit := func(id string) (string, error) {
		return Edit(&c, func(st *state) *item { return st.items[id] }, errNotFound, func(it *item) (string, error) {
			it.ID += "!"
			return it.ID, nil
		})
	}
	if got, err := edit("a"); err != nil || got != "a!" || c.St.items["a"].ID != "a!" {
		t.Errorf("Edit(a) = %q, %v", got, err)
	}
	if _, err := edit("b"); !errors.Is(err, errNotFound) {
		t.Errorf("Edit(b) = %v, want errNotFound", err)
	}
}

func TestEach(t *testing.T) {
	var got []string
	bad := func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) }
	var checked []string
	check := func(s string, dup bool) { checked = append(checked, fmt.Sprint(s, dup)) }
	id := func(s string) string { return s }
	Each(bad, IDs{List: "things", Kind: "thing"}, []string{"a", "", "a", "b"}, id, check)
	Each(bad, IDs{List: "nums", Kind: "num", Valid: regexp.MustCompile(`^[0-9]+$`), Want: "a number"}, []string{"1", "x"}, id, check)
	want := []string{`things[1]: id is required`, `thing "a": duplicate id`, `nums[1]: id "x" is not a number`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reported %q, want %q", got, want)
	}
	if fmt.Sprint(checked) != "[afalse atrue bfalse 1false]" {
		t.Errorf("checked %v", checked)
	}
}

func TestNewUUID(t *testing.T) {
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if a, b := NewUUID(), NewUUID(); !v4.MatchString(a) || a == b {
		t.Errorf("NewUUID = %q, %q", a, b)
	}
}
