package mail

import (
	"strings"
	"testing"
)

func TestRender_Languages(t *testing.T) {
	t.Parallel()
	const link = "https://kith.example/verify?token=abc"
	tests := []struct {
		name        string
		kind        TemplateKind
		lang        string
		wantLang    string
		wantSubject string
		wantPhrase  string // appears in both the text and the HTML part
		wantGreet   string // the greeting with the name, in both parts
	}{
		{name: "VerifyEnglish", kind: VerifyEmail, lang: "en", wantLang: "en", wantSubject: "Verify your email address for Kith", wantPhrase: "confirm your email address", wantGreet: "Hi Ada,"},
		{name: "VerifyEnglishRegion", kind: VerifyEmail, lang: "en-GB", wantLang: "en", wantSubject: "Verify your email address for Kith", wantPhrase: "confirm your email address", wantGreet: "Hi Ada,"},
		{name: "VerifyChinese", kind: VerifyEmail, lang: "zh-Hans", wantLang: "zh-Hans", wantSubject: "验证你的 Kith 邮箱地址", wantPhrase: "邮箱地址", wantGreet: "Ada，你好！"},
		{name: "VerifyChineseMixedCase", kind: VerifyEmail, lang: "ZH-hans", wantLang: "zh-Hans", wantSubject: "验证你的 Kith 邮箱地址", wantPhrase: "邮箱地址", wantGreet: "Ada，你好！"},
		{name: "VerifyChineseRegion", kind: VerifyEmail, lang: "zh-CN", wantLang: "zh-Hans", wantSubject: "验证你的 Kith 邮箱地址", wantPhrase: "邮箱地址", wantGreet: "Ada，你好！"},
		{name: "VerifyChineseUnderscore", kind: VerifyEmail, lang: "zh_TW", wantLang: "zh-Hans", wantSubject: "验证你的 Kith 邮箱地址", wantPhrase: "邮箱地址", wantGreet: "Ada，你好！"},
		{name: "VerifyAcceptLanguage", kind: VerifyEmail, lang: "zh-CN,zh;q=0.9,en;q=0.8", wantLang: "zh-Hans", wantSubject: "验证你的 Kith 邮箱地址", wantPhrase: "邮箱地址", wantGreet: "Ada，你好！"},
		{name: "VerifyUnknownFallsBack", kind: VerifyEmail, lang: "fr", wantLang: "en", wantSubject: "Verify your email address for Kith", wantPhrase: "confirm your email address", wantGreet: "Hi Ada,"},
		{name: "VerifyEmptyFallsBack", kind: VerifyEmail, lang: "", wantLang: "en", wantSubject: "Verify your email address for Kith", wantPhrase: "confirm your email address", wantGreet: "Hi Ada,"},
		{name: "VerifyZhuangIsNotChinese", kind: VerifyEmail, lang: "za", wantLang: "en", wantSubject: "Verify your email address for Kith", wantPhrase: "confirm your email address", wantGreet: "Hi Ada,"},
		{name: "ResetEnglish", kind: ResetPassword, lang: "en-US", wantLang: "en", wantSubject: "Reset your Kith password", wantPhrase: "reset the password", wantGreet: "Hi Ada,"},
		{name: "ResetChinese", kind: ResetPassword, lang: "zh-Hans", wantLang: "zh-Hans", wantSubject: "重置你的 Kith 密码", wantPhrase: "重置你 Kith 账户密码", wantGreet: "Ada，你好！"},
		{name: "ResetUnknownFallsBack", kind: ResetPassword, lang: "ja", wantLang: "en", wantSubject: "Reset your Kith password", wantPhrase: "reset the password", wantGreet: "Hi Ada,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := Render(tt.kind, tt.lang, LinkData{Link: link, Name: "Ada"})
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if m.Subject != tt.wantSubject {
				t.Errorf("Subject = %q, want %q", m.Subject, tt.wantSubject)
			}
			if got := m.Headers["Content-Language"]; got != tt.wantLang {
				t.Errorf("Content-Language = %q, want %q", got, tt.wantLang)
			}
			for part, body := range map[string]string{"text": m.Text, "HTML": m.HTML} {
				for _, want := range []string{tt.wantPhrase, tt.wantGreet, link} {
					if !strings.Contains(body, want) {
						t.Errorf("%s part lacks %q:\n%s", part, want, body)
					}
				}
			}
			if !strings.Contains(m.HTML, `<html lang="`+tt.wantLang+`">`) {
				t.Errorf("HTML lacks lang=%q:\n%s", tt.wantLang, m.HTML)
			}
			if !strings.Contains(m.HTML, `href="`+link+`"`) {
				t.Errorf("HTML lacks a link to %q:\n%s", link, m.HTML)
			}
			if !strings.Contains(m.HTML, "<title>"+tt.wantSubject+"</title>") {
				t.Errorf("HTML title is not the subject:\n%s", m.HTML)
			}
			m.To = "ada@example.com"
			if err := m.validate(); err != nil {
				t.Errorf("rendered message is not sendable: %v", err)
			}
		})
	}
}

func TestRender_WithoutName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang      string
		wantGreet string
	}{
		{lang: "en", wantGreet: "Hi,"},
		{lang: "zh-Hans", wantGreet: "你好！"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			m, err := Render(VerifyEmail, tt.lang, &LinkData{Link: "https://kith.example/v"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(m.Text, tt.wantGreet+"\n") {
				t.Errorf("text starts %q, want greeting %q", firstLine(m.Text), tt.wantGreet)
			}
			if !strings.Contains(m.HTML, "<p>"+tt.wantGreet+"</p>") {
				t.Errorf("HTML lacks greeting %q:\n%s", tt.wantGreet, m.HTML)
			}
		})
	}
}

func TestRender_EscapesHTML(t *testing.T) {
	t.Parallel()
	const name = `<script>alert("x")</script>`
	tests := []struct {
		name       string
		data       LinkData
		wantHTML   []string
		unwantHTML []string
		wantText   []string
	}{
		{
			name:       "NameAndQuery",
			data:       LinkData{Link: `https://kith.example/reset?token=a&next=<b>"`, Name: name},
			wantHTML:   []string{"&lt;script&gt;", "token=a&amp;next=%3cb%3e%22"},
			unwantHTML: []string{"<script>", "<b>", `next=<`},
			// The text part is plain text: nothing is escaped there.
			wantText: []string{name, `https://kith.example/reset?token=a&next=<b>"`},
		},
		{
			name:       "UnsafeScheme",
			data:       LinkData{Link: "javascript:alert(1)"},
			wantHTML:   []string{`href="#ZgotmplZ"`},
			unwantHTML: []string{`href="javascript:`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, lang := range []string{"en", "zh-Hans"} {
				m, err := Render(ResetPassword, lang, tt.data)
				if err != nil {
					t.Fatalf("Render(%s): %v", lang, err)
				}
				for _, want := range tt.wantHTML {
					if !strings.Contains(m.HTML, want) {
						t.Errorf("%s HTML lacks %q:\n%s", lang, want, m.HTML)
					}
				}
				for _, unwant := range tt.unwantHTML {
					if strings.Contains(m.HTML, unwant) {
						t.Errorf("%s HTML contains unescaped %q:\n%s", lang, unwant, m.HTML)
					}
				}
				for _, want := range tt.wantText {
					if !strings.Contains(m.Text, want) {
						t.Errorf("%s text lacks %q:\n%s", lang, want, m.Text)
					}
				}
			}
		})
	}
}

func TestRender_AcceptsMaps(t *testing.T) {
	t.Parallel()
	m, err := Render(VerifyEmail, "en", map[string]any{"Link": "https://kith.example/v", "Name": "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "https://kith.example/v") || !strings.Contains(m.HTML, "Hi Ada,") {
		t.Errorf("map data not rendered:\n%s\n%s", m.Text, m.HTML)
	}
}

func TestRender_Errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		kind    TemplateKind
		data    any
		wantErr string
	}{
		{name: "UnknownKind", kind: "welcome", data: LinkData{Link: "https://kith.example"}, wantErr: "unknown template"},
		{name: "EmptyLink", kind: VerifyEmail, data: LinkData{Name: "Ada"}, wantErr: "empty Link"},
		{name: "EmptyLinkPointer", kind: ResetPassword, data: &LinkData{}, wantErr: "empty Link"},
		{name: "NilPointer", kind: ResetPassword, data: (*LinkData)(nil), wantErr: "empty Link"},
		{name: "MapWithoutLink", kind: VerifyEmail, data: map[string]string{"Name": "Ada"}, wantErr: "Link"},
		{name: "StructWithoutLink", kind: VerifyEmail, data: struct{ Name string }{"Ada"}, wantErr: "Link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Render(tt.kind, "en", tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Render = %v, want an error mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
