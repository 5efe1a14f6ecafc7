// Package mailtest runs a real SMTP server on a loopback port for tests: the
// server's real mailer (mail.SMTPSender) delivers to it, and tests read what
// arrived, as a person would read their inbox.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one message the server received.
type Message struct {
	From    string
	To      []string
	Subject string
	// Language is the Content-Language header.
	Language string
	// Text is the decoded text/plain body ("" when there is none).
	Text string
	// HTML is the decoded text/html body ("" when there is none).
	HTML string
	Raw  []byte
}

var linkRE = regexp.MustCompile(`https?://[^\s"'<>]+`)

// Link returns the first link in the text body (or the HTML one) whose path
// is path, failing the test when there is none.
func (m Message) Link(t testing.TB, path string) *url.URL {
	t.Helper()
	for _, body := range []string{m.Text, m.HTML} {
		for _, s := range linkRE.FindAllString(body, -1) {
			u, err := url.Parse(strings.ReplaceAll(s, "&amp;", "&"))
			if err == nil && u.Path == path {
				return u
			}
		}
	}
	t.Fatalf("no %s link in message %q:\n%s", path, m.Subject, m.Text)
	return nil
}

// Server is a running SMTP server.
type Server struct {
	// URL is the SMTP_URL that reaches the server.
	URL string

	mu       sync.Mutex
	msgs     []Message
	consumed int
}

// Start starts a server on 127.0.0.1:0, stopped when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s := &Server{URL: "smtp://" + ln.Addr().String()}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{srv: s}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			t.Errorf("mailtest: serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		_ = ln.Close()
		<-done
	})
	return s
}

// All returns every message received so far.
func (s *Server) All() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// take returns the first message to rcpt not taken yet.
func (s *Server) take(rcpt string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := s.consumed; i < len(s.msgs); i++ {
		for _, to := range s.msgs[i].To {
			if strings.EqualFold(to, rcpt) {
				m := s.msgs[i]
				// Move it before the cursor, keeping the others' order.
				copy(s.msgs[s.consumed+1:i+1], s.msgs[s.consumed:i])
				s.msgs[s.consumed] = m
				s.consumed++
				return m, true
			}
		}
	}
	return Message{}, false
}

// Wait returns the next message to rcpt, waiting up to 10 seconds for it.
func (s *Server) Wait(t testing.TB, rcpt string) Message {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m, ok := s.take(rcpt); ok {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("mailtest: no message to %s within 10s", rcpt)
	return Message{}
}

// None fails the test when a message to rcpt arrives within d.
func (s *Server) None(t testing.TB, rcpt string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if m, ok := s.take(rcpt); ok {
			t.Fatalf("mailtest: unexpected message to %s: %q", rcpt, m.Subject)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type session struct {
	srv  *Server
	from string
	to   []string
}

func (c *session) Mail(from string, _ *smtp.MailOptions) error { c.from = from; return nil }
func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error   { c.to = append(c.to, to); return nil }
func (c *session) Reset()                                      { c.from, c.to = "", nil }
func (c *session) Logout() error                               { return nil }

func (c *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := parse(raw)
	if err != nil {
		return err
	}
	m.From, m.To = c.from, append([]string(nil), c.to...)
	c.srv.mu.Lock()
	c.srv.msgs = append(c.srv.msgs, m)
	c.srv.mu.Unlock()
	return nil
}

func parse(raw []byte) (Message, error) {
	pm, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(pm.Header.Get("Subject"))
	if err != nil {
		return Message{}, err
	}
	m := Message{Subject: subject, Language: pm.Header.Get("Content-Language"), Raw: raw}
	err = walk(&m, pm.Header.Get("Content-Type"), pm.Header.Get("Content-Transfer-Encoding"), pm.Body)
	return m, err
}

// walk decodes a body of type ct into m, descending into multiparts.
func walk(m *Message, ct, cte string, body io.Reader) error {
	media, params, err := mime.ParseMediaType(ct)
	if err != nil {
		media = "text/plain"
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := walk(m, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(cte) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // ignores line breaks
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	switch media {
	case "text/plain":
		m.Text += string(b)
	case "text/html":
		m.HTML += string(b)
	}
	return nil
}
