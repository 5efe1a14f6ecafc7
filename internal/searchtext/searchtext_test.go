package searchtext

import "testing"

func TestTokens(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"Chinese pairs and single characters", []string{"社區活動"}, "動 區 區活 活 活動 社 社區"},
		{"Latin pairs within words, lowercased", []string{"Go, ok!"}, "go ok"},
		{"punctuation and spaces break pairs", []string{"茶 葉。好"}, "好 茶 葉"},
		{"texts never join", []string{"ab", "cd"}, "ab cd"},
		{"duplicates once", []string{"茶茶", "茶"}, "茶 茶茶"},
		{"digits", []string{"A1 2"}, "a1"},
		{"empty", []string{"", "  "}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.texts...); got != tt.want {
				t.Errorf("Tokens(%q) = %q, want %q", tt.texts, got, tt.want)
			}
		})
	}
}

func TestToken(t *testing.T) {
	tests := []struct {
		term   string
		want   string
		wantOK bool
	}{
		{"社區", "社區", true},
		{"茶", "茶", true},
		{"Go", "go", true},
		{"a", "", false},
		{"c#", "", false},
		{"トマ", "トマ", true},
		{"長い語", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			got, ok := Token(tt.term)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("Token(%q) = %q, %v; want %q, %v", tt.term, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
