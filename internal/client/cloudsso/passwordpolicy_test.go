package cloudsso

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// answer makes the stub answer every request with body.
func (s *stubCloudSSO) answer(body string) {
	s.setHook(func(_ int, w http.ResponseWriter, _ *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
		return true
	})
}

func i64(v int64) *int64 { return &v }

func TestGetPasswordPolicy(t *testing.T) {
	s := newStub(t)
	s.answer(`{"RequestId":"X","PasswordPolicy":{"MinPasswordLength":12,"MaxPasswordLength":32,
		"MinPasswordDifferentChars":4,"PasswordNotContainUsername":false,"MaxPasswordAge":30,
		"PasswordReusePrevention":24,"MaxLoginAttempts":0,"HardExpire":true,"RequireLowerCaseChars":true,
		"RequireUpperCaseChars":false,"RequireNumbers":true,"RequireSymbols":false}}`)
	c := s.start(Config{})
	got, err := c.GetPasswordPolicy(context.Background(), dirID)
	if err != nil {
		t.Fatal(err)
	}
	want := PasswordPolicy{MinPasswordLength: 12, MaxPasswordLength: 32, MinPasswordDifferentChars: 4,
		MaxPasswordAge: 30, PasswordReusePrevention: 24, HardExpire: true, RequireLowerCaseChars: true, RequireNumbers: true}
	if *got != want {
		t.Errorf("policy %+v, want %+v", *got, want)
	}
	reqs := s.recorded()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	checkV3Request(t, reqs[0], testAK, "GetPasswordPolicy", map[string]string{"DirectoryId": dirID})
}

func TestGetPasswordPolicyUnexpected(t *testing.T) {
	for body, want := range map[string]string{
		`{"RequestId":"X"}`: "unexpected response: no PasswordPolicy",
		`{"RequestId":"X","PasswordPolicy":{"MinPasswordLength":"8"}}`: "unexpected response: json: cannot unmarshal",
	} {
		s := newStub(t)
		s.answer(body)
		_, err := s.start(Config{}).GetPasswordPolicy(context.Background(), dirID)
		if e := asError(t, err, KindUnknown); !strings.Contains(e.Error(), want) {
			t.Errorf("%s: error %q lacks %q", body, e, want)
		}
	}
}

// Only the fields that are set travel; the read-only ones have no field.
func TestSetPasswordPolicySendsOnlySetFields(t *testing.T) {
	no := false
	tests := []struct {
		name  string
		s     PasswordPolicySettings
		query map[string]string
	}{
		{"none", PasswordPolicySettings{}, map[string]string{"DirectoryId": dirID}},
		{"two", PasswordPolicySettings{MaxPasswordAge: i64(30), PasswordNotContainUsername: &no},
			map[string]string{"DirectoryId": dirID, "MaxPasswordAge": "30", "PasswordNotContainUsername": "false"}},
		{"zeros are values", PasswordPolicySettings{MinPasswordDifferentChars: i64(0), PasswordReusePrevention: i64(0), MaxLoginAttempts: i64(0)},
			map[string]string{"DirectoryId": dirID, "MinPasswordDifferentChars": "0", "PasswordReusePrevention": "0", "MaxLoginAttempts": "0"}},
		{"defaults", DefaultPasswordPolicy(), map[string]string{"DirectoryId": dirID, "MinPasswordLength": "8",
			"MinPasswordDifferentChars": "3", "PasswordNotContainUsername": "true", "MaxPasswordAge": "90",
			"PasswordReusePrevention": "1", "MaxLoginAttempts": "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t)
			s.answer(`{"RequestId":"X"}`)
			if err := s.start(Config{}).SetPasswordPolicy(context.Background(), dirID, tt.s); err != nil {
				t.Fatal(err)
			}
			reqs := s.recorded()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			checkV3Request(t, reqs[0], testAK, "SetPasswordPolicy", tt.query)
		})
	}
}

func TestPasswordPolicyRanges(t *testing.T) {
	for _, tt := range []struct {
		r       IntRange
		ok, bad []int64
	}{
		{MinPasswordLengthRange, []int64{8, 32}, []int64{7, 33}},
		{MinPasswordDifferentCharsRange, []int64{0, 32}, []int64{-1, 33}},
		{MaxPasswordAgeRange, []int64{1, 120}, []int64{0, 121}},
		{PasswordReusePreventionRange, []int64{0, 24}, []int64{-1, 25}},
		{MaxLoginAttemptsRange, []int64{0, 32}, []int64{-1, 33}},
	} {
		for _, v := range tt.ok {
			if err := tt.r.Check(v); err != nil {
				t.Errorf("%s %d: %v", tt.r.Param, v, err)
			}
		}
		for _, v := range tt.bad {
			if err := tt.r.Check(v); err == nil || !strings.Contains(err.Error(), tt.r.Param+" must be from") {
				t.Errorf("%s %d: %v", tt.r.Param, v, err)
			}
		}
	}
	if err := DefaultPasswordPolicy().Check(); err != nil {
		t.Errorf("the defaults fail their own check: %v", err)
	}
}

// A value the API would refuse is refused without a request; the bound of
// the different characters is checked only when both are given.
func TestSetPasswordPolicyRefusedLocally(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	for _, tt := range []struct {
		s    PasswordPolicySettings
		want string
	}{
		{PasswordPolicySettings{MaxPasswordAge: i64(121)}, "MaxPasswordAge must be from 1 to 120, got 121"},
		{PasswordPolicySettings{MinPasswordLength: i64(7)}, "MinPasswordLength must be from 8 to 32, got 7"},
		{PasswordPolicySettings{MinPasswordLength: i64(10), MinPasswordDifferentChars: i64(11)},
			"MinPasswordDifferentChars (11) must not exceed MinPasswordLength (10)"},
	} {
		err := c.SetPasswordPolicy(ctx, dirID, tt.s)
		if e := asError(t, err, KindBadRequest); e.Status != 0 || !strings.Contains(e.Error(), tt.want) {
			t.Errorf("error %q, want %q", e, tt.want)
		}
	}
	if err := (PasswordPolicySettings{MinPasswordDifferentChars: i64(20)}).Check(); err != nil {
		t.Errorf("different chars alone: %v; the API checks it against the length it holds", err)
	}
	_, err := c.GetPasswordPolicy(ctx, " ")
	if e := asError(t, err, KindBadRequest); !strings.Contains(e.Error(), "no directory ID given") {
		t.Errorf("error %q", e)
	}
	if n := len(s.recorded()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
