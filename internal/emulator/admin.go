package emulator

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

func (s *Server) mountAdmin() error {
	routes := map[string]http.HandlerFunc{
		"GET " + adminPrefix + "/{$}":            s.adminIndex,
		"GET " + adminPrefix + "/requests":       emuhttp.Show(func() requestsJSON { return requestsJSON{Total: s.Total(), Requests: s.Counts()} }),
		"DELETE " + adminPrefix + "/requests":    noContent(s.ResetCounts),
		"POST " + adminPrefix + "/faults":        s.adminAddFault,
		"GET " + adminPrefix + "/faults":         s.adminListFaults,
		"DELETE " + adminPrefix + "/faults":      noContent(s.ClearFaults),
		"DELETE " + adminPrefix + "/faults/{id}": s.adminRemoveFault,
		"GET " + adminPrefix + "/clock":          emuhttp.Show(s.clockBody),
		"POST " + adminPrefix + "/clock":         s.adminAdvanceClock,
		"POST " + adminPrefix + "/reset":         noContent(s.Reset),
	}
	for pattern, h := range routes {
		if err := handle(s.admin, pattern, h); err != nil {
			return err
		}
	}
	return nil
}

// decodeBody rejects unknown fields; an empty body decodes as {}.
func decodeBody(r *http.Request, v any) error {
	if err := emuhttp.DecodeStrict(r, v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (s *Server) adminIndex(w http.ResponseWriter, _ *http.Request) {
	emuhttp.WriteJSON(w, http.StatusOK, map[string]any{
		"apis": slices.Sorted(slices.Values(s.APIs())),
		"now":  s.clock.Now().UTC().Format(time.RFC3339Nano),
	})
}

type requestsJSON struct {
	Total    int     `json:"total"`
	Requests []Count `json:"requests"`
}

func noContent(do func()) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		do()
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) adminAddFault(w http.ResponseWriter, r *http.Request) {
	f, err := decodeFault(r)
	if err == nil {
		var id string
		if id, err = s.AddFault(f); err == nil {
			emuhttp.WriteJSON(w, http.StatusCreated, map[string]string{"id": id})
			return
		}
	}
	emuhttp.WriteError(w, http.StatusBadRequest, err)
}

func (s *Server) adminListFaults(w http.ResponseWriter, _ *http.Request) {
	list := []faultJSON{}
	for _, f := range s.Faults() {
		list = append(list, faultToJSON(f))
	}
	emuhttp.WriteJSON(w, http.StatusOK, map[string]any{"faults": list})
}

func (s *Server) adminRemoveFault(w http.ResponseWriter, r *http.Request) {
	if !s.RemoveFault(r.PathValue("id")) {
		emuhttp.WriteError(w, http.StatusNotFound, errors.New("fault not found"))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type clockJSON struct {
	Now    string `json:"now"`
	Offset string `json:"offset"`
}

func (s *Server) clockBody() clockJSON {
	return clockJSON{
		Now:    s.clock.Now().UTC().Format(time.RFC3339Nano),
		Offset: s.clock.Offset().String(),
	}
}

func (s *Server) adminAdvanceClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Advance string `json:"advance"`
	}
	if err := decodeBody(r, &body); err != nil {
		emuhttp.WriteError(w, http.StatusBadRequest, err)
		return
	}
	d, err := time.ParseDuration(body.Advance)
	if err != nil {
		emuhttp.WriteError(w, http.StatusBadRequest, errors.New(`advance must be a duration such as "25h"`))
		return
	}
	s.clock.Advance(d)
	emuhttp.WriteJSON(w, http.StatusOK, s.clockBody())
}
