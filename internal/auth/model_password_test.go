package auth

import "testing"

func TestPasswordProblem(t *testing.T) {
	cases := []struct {
		pw, email, name, want string
	}{
		{"short", "a@b.org", "A", "err.password_short"},
		{"elevenchars", "a@b.org", "A", "err.password_short"},
		{"Password2024!", "a@b.org", "A", "err.password_common"},
		{"123456789012", "a@b.org", "A", "err.password_common"},
		{"qwertyuiop123", "a@b.org", "A", "err.password_common"},
		{"aaaaaaaaaaaaaaa", "a@b.org", "A", "err.password_common"},
		{"abababababab", "a@b.org", "A", "err.password_common"},
		{"abcdefghijklmn", "a@b.org", "A", "err.password_common"},
		{"amina-keita-2026", "amina.keita@x.org", "Amina Keita", "err.password_personal"},
		{"river-stone-lantern", "a@b.org", "A", ""},
		{"correct horse battery", "a@b.org", "A", ""},
		{"ثلاثة عصافير على الشجرة", "a@b.org", "A", ""},
	}
	for _, c := range cases {
		if got := PasswordProblem(c.pw, c.email, c.name); got != c.want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", c.pw, got, c.want)
		}
	}
}

func TestHashAndCheck(t *testing.T) {
	h, err := HashPassword("river-stone-lantern")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "river-stone-lantern") {
		t.Fatal("correct password refused")
	}
	if CheckPassword(h, "river-stone-lanterN") {
		t.Fatal("wrong password accepted")
	}
	h2, _ := HashPassword("river-stone-lantern")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	if CheckPassword("garbage", "x") {
		t.Fatal("malformed hash accepted")
	}
}
