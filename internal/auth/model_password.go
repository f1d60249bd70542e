package auth

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 12

// argon2id parameters: OWASP's baseline (19 MiB, 2 passes, 1 lane). Stored
// with each hash, so raising them later leaves old hashes verifiable.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns the PHC-formatted argon2id hash of pw with a new salt.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime,
		argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the encoded hash.
func CheckPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when the account does not exist, so an
// unknown email takes as long to refuse as a wrong password.
var dummyHash, _ = HashPassword("tipsom-timing-equaliser")

//go:embed common-passwords.txt
var commonPasswordList string

// commonPasswords holds common passwords and the words they are built on,
// lower-cased.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswordList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// PasswordProblem returns the catalogue key of what is wrong with pw for a
// user with the given email and name, or "" when it is acceptable. It refuses
// short passwords, common passwords, common words padded with digits and
// symbols ("Password2024!"), one repeated character, and the user's own
// email or name.
func PasswordProblem(pw, email, name string) string {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return "err.password_short"
	}
	if utf8.RuneCountInString(pw) > 256 {
		return "err.password_long"
	}
	lower := strings.ToLower(pw)
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	if commonPasswords[lower] || commonPasswords[core] || isRepetitive(lower) {
		return "err.password_common"
	}
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	for _, own := range append(strings.Fields(strings.ToLower(name)), local) {
		if utf8.RuneCountInString(own) >= 4 && strings.Contains(lower, own) {
			return "err.password_personal"
		}
	}
	return ""
}

// isRepetitive reports whether s is a short pattern repeated (aaaa…, abcabc…,
// 1212…) or a run of consecutive characters (123456…, abcdef…).
func isRepetitive(s string) bool {
	r := []rune(s)
	for period := 1; period <= 4 && period < len(r); period++ {
		same := true
		for i := period; i < len(r); i++ {
			if r[i] != r[i-period] {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	up, down := true, true
	for i := 1; i < len(r); i++ {
		up = up && r[i] == r[i-1]+1
		down = down && r[i] == r[i-1]-1
	}
	return up || down
}
