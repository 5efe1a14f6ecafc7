package mail

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// TemplateKind names one transactional message.
type TemplateKind string

// The transactional messages Render knows.
const (
	// VerifyEmail asks a new member to confirm their address by opening a link.
	VerifyEmail TemplateKind = "verify_email"
	// ResetPassword carries the link that lets a member choose a new password.
	ResetPassword TemplateKind = "reset_password"
)

// Languages Render has templates for. English is the fallback.
const (
	langEnglish           = "en"
	langChineseSimplified = "zh-Hans"
)

// LinkData is the data VerifyEmail and ResetPassword expect: the absolute
// link the member must open and, optionally, the name to greet them by.
type LinkData struct {
	Link string
	Name string
}

// Render returns the message of the given kind in the language lang, with
// data filled in; the caller sets To.
//
// lang is a BCP 47 tag such as "en", "en-GB", "zh-Hans" or "zh-CN" (an
// underscore also works, and the first entry of an Accept-Language value is
// used); every Chinese tag gets the Simplified Chinese text, since that is the
// closest the templates have, and anything else gets English. The message
// carries a Content-Language header naming the language chosen.
//
// data is normally a LinkData; the templates read its Link and Name, so any
// struct or map with both works. The text and subject are plain text; the HTML
// part is built with html/template, so data is escaped there and a link that
// is not a safe URL is neutralised rather than made clickable. Render returns
// an error for an unknown kind, a LinkData without a Link, or data the
// templates cannot read.
func Render(kind TemplateKind, lang string, data any) (Message, error) {
	byLang, ok := templates[kind]
	if !ok {
		return Message{}, fmt.Errorf("mail: unknown template %q", kind)
	}
	switch d := data.(type) {
	case LinkData:
		if d.Link == "" {
			return Message{}, errors.New("mail: template data has an empty Link")
		}
	case *LinkData:
		if d == nil || d.Link == "" {
			return Message{}, errors.New("mail: template data has an empty Link")
		}
	}

	tag := resolveLang(lang)
	t := byLang[tag]
	var text, html bytes.Buffer
	if err := t.text.Execute(&text, data); err != nil {
		return Message{}, fmt.Errorf("mail: render %s text: %w", kind, err)
	}
	if err := t.html.Execute(&html, data); err != nil {
		return Message{}, fmt.Errorf("mail: render %s HTML: %w", kind, err)
	}
	return Message{
		Subject: t.subject,
		Text:    text.String(),
		HTML:    html.String(),
		Headers: map[string]string{"Content-Language": tag},
	}, nil
}

// resolveLang maps a language tag to one Render has templates for.
func resolveLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	primary := strings.FieldsFunc(lang, func(r rune) bool {
		return r == '-' || r == '_' || r == ',' || r == ';' || r == ' '
	})
	if len(primary) > 0 && primary[0] == "zh" {
		return langChineseSimplified
	}
	return langEnglish
}

// compiled holds the parsed templates of one kind in one language.
type compiled struct {
	subject string
	text    *texttemplate.Template
	html    *htmltemplate.Template
}

// source is the template text of one kind in one language. The subject is
// fixed text, since it is also the HTML title; html is the "content" block
// placed in htmlLayout.
type source struct {
	subject, text, html string
}

// htmlLayout wraps every HTML part. Styles are inline because many mail
// clients drop <style> elements.
const htmlLayout = `{{define "layout"}}<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:24px;background:#f5f5f5;color:#222;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">
{{template "content" .}}
</div>
</body>
</html>
{{end}}`

// buttonStyle is the inline style of the call-to-action link.
const buttonStyle = `display:inline-block;padding:10px 20px;background:#2563eb;color:#ffffff;text-decoration:none;border-radius:6px`

var sources = map[TemplateKind]map[string]source{
	VerifyEmail: {
		langEnglish: {
			subject: `Verify your email address for Kith`,
			text: `Hi{{with .Name}} {{.}}{{end}},

Please confirm your email address for Kith by opening this link:

{{.Link}}

If you did not sign up for Kith, you can ignore this email.
`,
			html: `<p>Hi{{with .Name}} {{.}}{{end}},</p>
<p>Please confirm your email address for Kith.</p>
<p><a href="{{.Link}}" style="` + buttonStyle + `">Verify email address</a></p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{.Link}}">{{.Link}}</a></p>
<p>If you did not sign up for Kith, you can ignore this email.</p>`,
		},
		langChineseSimplified: {
			subject: `验证你的 Kith 邮箱地址`,
			text: `{{with .Name}}{{.}}，{{end}}你好！

请打开以下链接，确认你在 Kith 使用的邮箱地址：

{{.Link}}

如果你没有注册 Kith，请忽略这封邮件。
`,
			html: `<p>{{with .Name}}{{.}}，{{end}}你好！</p>
<p>请确认你在 Kith 使用的邮箱地址。</p>
<p><a href="{{.Link}}" style="` + buttonStyle + `">验证邮箱地址</a></p>
<p>如果按钮无法使用，请把以下链接复制到浏览器中打开：<br><a href="{{.Link}}">{{.Link}}</a></p>
<p>如果你没有注册 Kith，请忽略这封邮件。</p>`,
		},
	},
	ResetPassword: {
		langEnglish: {
			subject: `Reset your Kith password`,
			text: `Hi{{with .Name}} {{.}}{{end}},

We received a request to reset the password of your Kith account. To choose a new password, open this link:

{{.Link}}

If you did not ask for this, you can ignore this email; your password will not change.
`,
			html: `<p>Hi{{with .Name}} {{.}}{{end}},</p>
<p>We received a request to reset the password of your Kith account.</p>
<p><a href="{{.Link}}" style="` + buttonStyle + `">Choose a new password</a></p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{.Link}}">{{.Link}}</a></p>
<p>If you did not ask for this, you can ignore this email; your password will not change.</p>`,
		},
		langChineseSimplified: {
			subject: `重置你的 Kith 密码`,
			text: `{{with .Name}}{{.}}，{{end}}你好！

我们收到了重置你 Kith 账户密码的请求。请打开以下链接设置新密码：

{{.Link}}

如果这不是你本人的操作，请忽略这封邮件，你的密码不会改变。
`,
			html: `<p>{{with .Name}}{{.}}，{{end}}你好！</p>
<p>我们收到了重置你 Kith 账户密码的请求。</p>
<p><a href="{{.Link}}" style="` + buttonStyle + `">设置新密码</a></p>
<p>如果按钮无法使用，请把以下链接复制到浏览器中打开：<br><a href="{{.Link}}">{{.Link}}</a></p>
<p>如果这不是你本人的操作，请忽略这封邮件，你的密码不会改变。</p>`,
		},
	},
}

// templates is parsed once at start-up; a broken template panics there, in
// every test run, rather than when the first member signs up.
var templates = compileAll()

func compileAll() map[TemplateKind]map[string]compiled {
	all := make(map[TemplateKind]map[string]compiled, len(sources))
	for kind, byLang := range sources {
		if _, ok := byLang[langEnglish]; !ok {
			panic(fmt.Sprintf("mail: template %q has no English version to fall back to", kind))
		}
		all[kind] = make(map[string]compiled, len(byLang))
		for lang, src := range byLang {
			all[kind][lang] = compile(kind, lang, src)
		}
	}
	return all
}

func compile(kind TemplateKind, lang string, src source) compiled {
	name := string(kind) + "." + lang
	// missingkey=error turns a map without Link into an error instead of a
	// mail saying "<no value>".
	text := texttemplate.Must(texttemplate.New(name + ".text").Option("missingkey=error").Parse(src.text))
	funcs := htmltemplate.FuncMap{
		"lang":    func() string { return lang },
		"subject": func() string { return src.subject },
	}
	layout := htmltemplate.Must(htmltemplate.New(name + ".html").Funcs(funcs).Option("missingkey=error").Parse(htmlLayout))
	htmlT := htmltemplate.Must(layout.New("content").Parse(src.html))
	return compiled{
		subject: src.subject,
		text:    text,
		html:    htmlT.Lookup("layout"),
	}
}
