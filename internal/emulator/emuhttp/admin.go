package emuhttp

import (
	"errors"
	"net/http"
	"strings"
)

// AdminPrefix is where the emulator server mounts the admin routes. An
// API's own admin routes go under AdminPrefix + "/" + its name.
const AdminPrefix = "/_emulator"

// AdminPattern turns an API's relative admin pattern ("GET /users") into
// the one the server mounts ("GET /_emulator/identity/users"). ok is false
// when rel lacks a method or a path starting with "/".
func AdminPattern(api, rel string) (pattern string, ok bool) {
	method, path, ok := strings.Cut(rel, " ")
	if !ok || !strings.HasPrefix(path, "/") {
		return "", false
	}
	return method + " " + AdminPrefix + "/" + api + path, true
}

// errorBody is the body of every admin error: {"error": "..."}.
type errorBody struct {
	Error string `json:"error"`
}

// WriteError answers an admin request with status and err's text.
func WriteError(w http.ResponseWriter, status int, err error) {
	WriteJSON(w, status, errorBody{Error: err.Error()})
}

// Fail answers an admin request that failed: 404 when err wraps notFound
// (the API's ErrNotFound), else 400, since everything else an admin route
// refuses is a bad body or a bad value.
func Fail(w http.ResponseWriter, err, notFound error) {
	status := http.StatusBadRequest
	if errors.Is(err, notFound) {
		status = http.StatusNotFound
	}
	WriteError(w, status, err)
}

// The builders below are the admin route shapes every API repeats. Each
// takes the API's own state method, so the rules stay with the API and the
// handler only moves JSON.

// Show answers 200 with what get returns: a list or the settings.
func Show[T any](get func() T) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		WriteJSON(w, http.StatusOK, get())
	}
}

// Find answers 200 with the item named by the path value param, or 404
// with missing ("user not found") as the error.
func Find[T any](param string, find func(string) (T, bool), missing string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok := find(r.PathValue(param))
		if !ok {
			WriteError(w, http.StatusNotFound, errors.New(missing))
			return
		}
		WriteJSON(w, http.StatusOK, v)
	}
}

// Update answers a PATCH of the item named by the path value param: the
// body, decoded strictly, is the patch, and the answer is 200 with the
// item as update leaves it. Errors are answered as Fail does.
func Update[P, T any](param string, update func(string, P) (T, error), notFound error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		patch := func(p P) (T, error) { return update(r.PathValue(param), p) }
		Apply(http.StatusOK, patch, notFound)(w, r)
	}
}

// Apply answers a request whose body, decoded strictly, is the whole input
// of apply (a settings patch, a create) with status and apply's result.
// Errors are answered as Fail does.
func Apply[P, T any](status int, apply func(P) (T, error), notFound error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var p P
		if err := DecodeStrict(r, &p); err != nil {
			Fail(w, err, notFound)
			return
		}
		v, err := apply(p)
		if err != nil {
			Fail(w, err, notFound)
			return
		}
		WriteJSON(w, status, v)
	}
}
