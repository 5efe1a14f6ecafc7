package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// Purpose names what a mailed token may be used for; a token of one purpose
// never works for another.
type Purpose string

const (
	PurposeVerify Purpose = "verify"
	PurposeReset  Purpose = "reset"
)

// How long mailed links stay valid.
const (
	VerifyTokenTTL = 72 * time.Hour
	ResetTokenTTL  = time.Hour
)

// maxTokenLen bounds what is parsed at all.
const maxTokenLen = 1024

// tokenClaims is the signed, readable part of a mailed token.
type tokenClaims struct {
	Purpose Purpose `json:"p"`
	UserID  int     `json:"u"`
	Email   string  `json:"e"`
	Expires int64   `json:"x"` // Unix seconds
}

// tokenKey derives the key for mailed account tokens from the signing secret,
// so that they can never be confused with other links the same secret signs
// (unsubscribe, surveys).
func tokenKey(secret []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("kith account token v1"))
	return m.Sum(nil)
}

// tokenMAC signs the encoded claims together with binding, a value the token
// does not carry but the server knows: for a reset token, the account's
// current password hash, so the token dies once the password changes.
func tokenMAC(secret []byte, payload string, binding string) []byte {
	m := hmac.New(sha256.New, tokenKey(secret))
	m.Write([]byte(payload))
	m.Write([]byte{0})
	m.Write([]byte(binding))
	return m.Sum(nil)
}

// signToken returns "<claims>.<mac>", both base64url without padding.
func signToken(secret []byte, c tokenClaims, binding string) string {
	raw, _ := json.Marshal(c)
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return payload + "." + base64.RawURLEncoding.EncodeToString(tokenMAC(secret, payload, binding))
}

// parseToken decodes a token's claims WITHOUT checking its signature; the
// caller looks the user up, then calls checkToken.
func parseToken(token string) (tokenClaims, string, []byte, bool) {
	var c tokenClaims
	if token == "" || len(token) > maxTokenLen {
		return c, "", nil, false
	}
	payload, sig, ok := strings.Cut(token, ".")
	if !ok {
		return c, "", nil, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return c, "", nil, false
	}
	mac, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || len(mac) != sha256.Size {
		return c, "", nil, false
	}
	if err := json.Unmarshal(raw, &c); err != nil || c.UserID <= 0 {
		return c, "", nil, false
	}
	return c, payload, mac, true
}

// checkToken reports whether mac signs payload with binding (constant time),
// and the claims are of purpose, for email, and unexpired at now.
func checkToken(secret []byte, c tokenClaims, payload string, mac []byte, binding string, purpose Purpose, email string, now time.Time) bool {
	good := hmac.Equal(mac, tokenMAC(secret, payload, binding))
	return good && c.Purpose == purpose && c.Email == email && now.Unix() < c.Expires
}
