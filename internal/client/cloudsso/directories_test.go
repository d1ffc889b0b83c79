package cloudsso

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestListDirectories(t *testing.T) {
	s := newStub(t)
	s.dirs["d-0000000000zz"] = &stubDirectory{name: "second", region: "us-west-1", mfa: "Disabled",
		createTime: "2024-01-02T03:04:05Z", updateTime: "2024-02-03T04:05:06Z"}
	s.dirs["d-000000000001"] = &stubDirectory{name: "first", region: "eu-central-1", mfa: "Enabled"}
	c := s.start(Config{})
	dirs, err := c.ListDirectories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []Directory{
		{ID: "d-000000000001", Name: "first", Region: "eu-central-1"},
		{ID: "d-0000000000zz", Name: "second", Region: "us-west-1", CreateTime: "2024-01-02T03:04:05Z", UpdateTime: "2024-02-03T04:05:06Z"},
		{ID: dirID, Name: "example", Region: "cn-shanghai", CreateTime: "2021-06-30T08:35:26Z", UpdateTime: "2021-10-25T07:18:46Z"},
	}
	if !slices.Equal(dirs, want) {
		t.Errorf("ListDirectories = %+v, want %+v (sorted by ID)", dirs, want)
	}
	reqs := s.recorded()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1: the action has no paging", len(reqs))
	}
	checkV3Request(t, reqs[0], testAK, "ListDirectories", map[string]string{})
}

func TestListDirectoriesEmpty(t *testing.T) {
	s := newStub(t)
	delete(s.dirs, dirID)
	dirs, err := s.start(Config{}).ListDirectories(context.Background())
	if err != nil || dirs == nil || len(dirs) != 0 {
		t.Errorf("ListDirectories = %#v, %v; want an empty, non-nil list", dirs, err)
	}
}

// A listing that can't be complete, or can't be read, is an error rather
// than a shorter list.
func TestListDirectoriesUnexpected(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"count above the list", `{"RequestId":"X","TotalCounts":2,"Directories":[{"DirectoryId":"d-000000000001"}]}`,
			"TotalCounts is 2 but 1 directories were listed"},
		{"no id", `{"RequestId":"X","TotalCounts":1,"Directories":[{"DirectoryName":"x"}]}`,
			"directory 1 of 1 has no DirectoryId"},
		{"listed twice", `{"RequestId":"X","Directories":[{"DirectoryId":"d-000000000001"},{"DirectoryId":"d-000000000001"}]}`,
			"directory d-000000000001 is listed twice"},
		{"not a list", `{"RequestId":"X","TotalCounts":1,"Directories":{}}`, "unexpected response: json: cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t)
			s.setHook(func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tt.body))
				return true
			})
			dirs, err := s.start(Config{}).ListDirectories(context.Background())
			e := asError(t, err, KindUnknown)
			if dirs != nil || e.Op != "ListDirectories" || !strings.Contains(e.Error(), tt.want) {
				t.Errorf("got %v, %q; want no directories and an error with %q", dirs, e, tt.want)
			}
		})
	}
}

// A 503 on the listing is retried like any other call's.
func TestListDirectoriesRetried(t *testing.T) {
	s := newStub(t)
	s.failFirst(1, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
	})
	dirs, err := s.start(Config{}).ListDirectories(context.Background())
	if err != nil || len(dirs) != 1 {
		t.Fatalf("ListDirectories = %v, %v", dirs, err)
	}
	if n := len(s.recorded()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}
