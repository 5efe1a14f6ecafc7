package community

import (
	"bytes"
	"crypto/sha256"
	"html"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// Markdown is rendered in two steps, each enough on its own to keep scripts
// out: goldmark without its unsafe option never passes raw HTML through
// (it writes "<!-- raw HTML omitted -->") and drops dangerous link
// destinations (javascript:, vbscript:, data: other than images); then
// bluemonday's UGC policy keeps only the tags and attributes user content
// may carry (no script, style, iframe, on* handlers or form controls) and
// only http, https and mailto URLs, and marks links nofollow and noreferrer.
var (
	markdown = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.CJK),
		goldmark.WithRendererOptions(gmhtml.WithHardWraps()),
	)
	sanitizer = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowURLSchemes("http", "https", "mailto")
		p.RequireParseableURLs(true)
		p.RequireNoFollowOnLinks(true)
		p.RequireNoReferrerOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		return p
	}()
	// rendered caches HTML by the hash of its source: live events render
	// the same post for every subscriber, and lists render it on every read.
	rendered, _ = lru.New[[sha256.Size]byte, string](4096)
)

// RenderMarkdown turns a post's or comment's Markdown into HTML that is safe
// to insert into a page: no script can run from it.
func RenderMarkdown(src string) string {
	key := sha256.Sum256([]byte(src))
	if h, ok := rendered.Get(key); ok {
		return h
	}
	var buf bytes.Buffer
	var out string
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// Never happens with a bytes.Buffer; plain escaped text is safe anyway.
		out = "<p>" + html.EscapeString(src) + "</p>"
	} else {
		out = sanitizer.Sanitize(buf.String())
	}
	rendered.Add(key, out)
	return out
}
