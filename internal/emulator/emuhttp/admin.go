package emuhttp

import (
	"errors"
	"net/http"
	"strings"
)

// AdminPrefix is where the server mounts admin routes, an API's under its name.
const AdminPrefix = "/_emulator"

// AdminPattern turns "GET /users" into "GET /_emulator/<api>/users"; ok is
// false when rel lacks a method or a path starting with "/".
func AdminPattern(api, rel string) (pattern string, ok bool) {
	method, path, ok := strings.Cut(rel, " ")
	if !ok || !strings.HasPrefix(path, "/") {
		return "", false
	}
	return method + " " + AdminPrefix + "/" + api + path, true
}

type errorBody struct {
	Error string `json:"error"`
}

// WriteError answers an admin request with status and err's text.
func WriteError(w http.ResponseWriter, status int, err error) {
	WriteJSON(w, status, errorBody{Error: err.Error()})
}

// Fail answers 404 when err wraps the API's notFound, else 400: everything
// else an admin route refuses is a bad body or value.
func Fail(w http.ResponseWriter, err, notFound error) {
	status := http.StatusBadRequest
	if errors.Is(err, notFound) {
		status = http.StatusNotFound
	}
	WriteError(w, status, err)
}

// The builders below are the admin route shapes; each takes the API's own
// state method, so the rules stay with the API.

// Show answers 200 with what get returns.
func Show[T any](get func() T) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		WriteJSON(w, http.StatusOK, get())
	}
}

// Find answers 200 with the item the path value param names, or 404 missing.
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

// Update answers a PATCH of the item the path value param names with 200 and
// the item as update leaves it.
func Update[P, T any](param string, update func(string, P) (T, error), notFound error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		patch := func(p P) (T, error) { return update(r.PathValue(param), p) }
		Apply(http.StatusOK, patch, notFound)(w, r)
	}
}

// Apply answers status and apply's result for the strictly decoded body.
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
