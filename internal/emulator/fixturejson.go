package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonError is a fixture that is not JSON of the fixture's shape, with where: encoding/json
// says what is wrong but not where (an unknown key comes with no position at all, a type error
// with a Go struct path), and a fixture is edited by hand.
type jsonError struct {
	line, column int
	// object is the path, in the fixture's JSON names, of the object at fault, each array
	// element with its id when it has one: `identity.users[2] (id "u-3")`; "" for the fixture.
	object string
	msg    string
}

func (e *jsonError) Error() string {
	where := fmt.Sprintf("line %d, column %d: ", e.line, e.column)
	if e.object != "" {
		where += e.object + ": "
	}
	return where + e.msg
}

// decodeFixtureJSON decodes data into fx as encoding/json does with DisallowUnknownFields, and
// refuses anything after the fixture object.
func decodeFixtureJSON(data []byte, fx *Fixture) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(fx); err != nil {
		return locateJSONError(data, reflect.TypeFor[Fixture](), err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, skipSpace(data, end, ""))
		return &jsonError{line: line, column: col, msg: "trailing data after the fixture object"}
	}
	return nil
}

// locateJSONError finds the first problem in the text of data as a value of type t, the one
// encoding/json reported as decErr, which is returned as it is if none is found.
func locateJSONError(data []byte, t reflect.Type, decErr error) error {
	// encoding/json reads a whole value before decoding any of it, so a syntax error anywhere
	// comes before every other error.
	var raw json.RawMessage
	syntaxErr := json.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	w := &walker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	w.dec.UseNumber()
	if syntaxErr == nil {
		var je *jsonError
		if err := w.value(t); errors.As(err, &je) {
			return je
		}
		return fmt.Errorf("invalid JSON: %w", decErr)
	}

	// The walk without a type stops at the syntax error, in the value it breaks.
	_ = w.value(nil)
	off, msg := int64(len(bytes.TrimRight(data, jsonSpace))), "invalid JSON: unexpected end of JSON input"
	var se *json.SyntaxError
	switch {
	case errors.As(syntaxErr, &se):
		// The decoder's offset is of the byte after the one at fault.
		off, msg = se.Offset-1, "invalid JSON: "+se.Error()
	case errors.Is(syntaxErr, io.EOF):
		msg = "the file is empty; a fixture is a JSON object"
	}
	return w.fail(off, w.stack, msg)
}

const jsonSpace = " \t\r\n"

// frame is one step of the path from the fixture to the value being read: an object member
// (index -1) or an array element.
type frame struct {
	key   string
	index int
	start int64  // an element's offset in the text, where its id is looked for
	idKey string // the element's id member and its value, once known
	id    string
}

// idKeys are the members that identify a fixture object, in the order they are looked for.
var idKeys = []string{"id", "access_key_id"}

// walker reads JSON token by token, checking each value against the Go type it decodes into
// (nil: any value) and keeping the path to it.
type walker struct {
	data  []byte
	dec   *json.Decoder
	stack []frame
	last  json.Token // the last token read, to pick up ids
}

var timeType = reflect.TypeFor[time.Time]()

func (w *walker) next() (json.Token, int64, error) {
	start := skipSpace(w.data, w.dec.InputOffset(), ",:")
	tok, err := w.dec.Token()
	w.last = tok
	return tok, start, err
}

func (w *walker) value(t reflect.Type) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		start := skipSpace(w.data, w.dec.InputOffset(), ",:")
		var raw json.RawMessage
		if err := w.dec.Decode(&raw); err != nil {
			return err
		}
		w.last = nil
		var tm time.Time
		if tm.UnmarshalJSON(raw) != nil {
			return w.typeError(start, `an RFC 3339 time such as "2026-01-02T15:04:05Z"`, "")
		}
		return nil
	}
	if t != nil && t.Kind() == reflect.Interface {
		t = nil
	}
	tok, start, err := w.next()
	if err != nil {
		return err
	}
	switch tok := tok.(type) {
	case nil:
		return nil // null leaves any field as it is, as in encoding/json
	case json.Delim:
		switch {
		case tok == '{' && (t == nil || t.Kind() == reflect.Struct || t.Kind() == reflect.Map):
			return w.object(t)
		case tok == '[' && t == nil:
			return w.array(nil)
		case tok == '[' && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
			return w.array(t.Elem())
		}
	case string:
		if t == nil || t.Kind() == reflect.String {
			return nil
		}
	case bool:
		if t == nil || t.Kind() == reflect.Bool {
			return nil
		}
	case json.Number:
		if t == nil || numberFits(tok, t) {
			return nil
		}
	}
	return w.typeError(start, describeType(t), describeToken(tok, t))
}

func (w *walker) object(t reflect.Type) error {
	var fields map[string]reflect.Type
	if t != nil && t.Kind() == reflect.Struct {
		fields = jsonFields(t)
	}
	for w.dec.More() {
		tok, start, err := w.next()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var vt reflect.Type
		switch {
		case t == nil:
		case t.Kind() == reflect.Map:
			vt = t.Elem()
		default:
			var ok bool
			if vt, ok = lookupField(fields, key); !ok {
				return w.fail(start, w.stack, unknownField(key, fields))
			}
		}
		w.stack = append(w.stack, frame{key: key, index: -1})
		if err := w.value(vt); err != nil {
			return err
		}
		w.stack = w.stack[:len(w.stack)-1]
		if s, ok := w.last.(string); ok && len(w.stack) > 0 && slices.Contains(idKeys, key) {
			if el := &w.stack[len(w.stack)-1]; el.index >= 0 && el.id == "" {
				el.idKey, el.id = key, s
			}
		}
	}
	_, _, err := w.next()
	return err
}

func (w *walker) array(elem reflect.Type) error {
	for i := 0; w.dec.More(); i++ {
		w.stack = append(w.stack, frame{index: i, start: skipSpace(w.data, w.dec.InputOffset(), ",")})
		if err := w.value(elem); err != nil {
			return err
		}
		w.stack = w.stack[:len(w.stack)-1]
	}
	_, _, err := w.next()
	return err
}

// typeError is a value of the wrong kind at off: it names the object that holds it and the
// field, with the element's index for an element of an array.
func (w *walker) typeError(off int64, want, got string) error {
	if got != "" {
		want += ", not " + got
	}
	k := len(w.stack) - 1
	for k >= 0 && w.stack[k].index >= 0 {
		k--
	}
	if k < 0 {
		return w.fail(off, nil, "the fixture must be "+want)
	}
	return w.fail(off, w.stack[:k], fmt.Sprintf("field %q must be %s", renderPath(w.stack[k:]), want))
}

// fail is the error at off in the object at path, whose elements get their ids now when the
// walk has not read them yet: an id often comes after the member at fault.
func (w *walker) fail(off int64, path []frame, msg string) *jsonError {
	for i := range path {
		if path[i].index >= 0 && path[i].id == "" {
			path[i].idKey, path[i].id = elementID(w.data, path[i].start)
		}
	}
	line, col := position(w.data, off)
	return &jsonError{line: line, column: col, object: renderPath(path), msg: msg}
}

func renderPath(path []frame) string {
	var b strings.Builder
	for _, f := range path {
		if f.index < 0 {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
			continue
		}
		fmt.Fprintf(&b, "[%d]", f.index)
		if f.id != "" {
			fmt.Fprintf(&b, " (%s %q)", f.idKey, f.id)
		}
	}
	return b.String()
}

// elementID is the id of the object at start, if it is one and has one.
func elementID(data []byte, start int64) (key, id string) {
	var m map[string]json.RawMessage
	if json.NewDecoder(bytes.NewReader(data[start:])).Decode(&m) != nil {
		return "", ""
	}
	for _, k := range idKeys {
		var s string
		if json.Unmarshal(m[k], &s) == nil && s != "" {
			return k, s
		}
	}
	return "", ""
}

// jsonFields are the members of a struct as encoding/json names them.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
		case !f.IsExported():
		case name == "":
			out[f.Name] = f.Type
		default:
			out[name] = f.Type
		}
	}
	return out
}

// lookupField matches a key as encoding/json does: exactly, else ignoring case.
func lookupField(fields map[string]reflect.Type, key string) (reflect.Type, bool) {
	if t, ok := fields[key]; ok {
		return t, true
	}
	for name, t := range fields {
		if strings.EqualFold(name, key) {
			return t, true
		}
	}
	return nil, false
}

// unknownField suggests the field a misspelt or shortened key was probably meant to be: the
// nearest by edit distance, if near enough, else the one field the key begins.
func unknownField(key string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3
	var prefixOf []string
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if d := editDistance(strings.ToLower(key), name); d < bestDist && 2*d < len(key) {
			best, bestDist = name, d
		}
		if len(key) >= 3 && strings.HasPrefix(name, strings.ToLower(key)) {
			prefixOf = append(prefixOf, name)
		}
	}
	if best == "" && len(prefixOf) == 1 {
		best = prefixOf[0]
	}
	if best == "" {
		return fmt.Sprintf("unknown field %q", key)
	}
	return fmt.Sprintf("unknown field %q (did you mean %q?)", key, best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// numberFits says whether encoding/json can store n in a t.
func numberFits(n json.Number, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n.String(), 10, 64)
		return err == nil && !t.OverflowInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(n.String(), 10, 64)
		return err == nil && !t.OverflowUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n.String(), t.Bits())
		return err == nil && !t.OverflowFloat(f)
	}
	return false
}

func isNumeric(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer of 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// describeToken names what was found without its value, which may be a secret, except for a
// number where a number is wanted: only its form is wrong.
func describeToken(tok json.Token, want reflect.Type) string {
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case bool:
		return strconv.FormatBool(tok)
	case json.Number:
		if isNumeric(want) {
			return tok.String()
		}
		return "a number"
	}
	return fmt.Sprint(tok)
}

// skipSpace returns the offset of the first byte at or after off that is neither JSON white
// space nor one of also.
func skipSpace(data []byte, off int64, also string) int64 {
	for off < int64(len(data)) && strings.IndexByte(jsonSpace+also, data[off]) >= 0 {
		off++
	}
	return off
}

// position is the line and column of the byte at off, both from 1; columns count characters.
func position(data []byte, off int64) (line, col int) {
	before := data[:min(max(off, 0), int64(len(data)))]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[lineStart:]) + 1
}
