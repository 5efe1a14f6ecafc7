package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	gomailsmtp "github.com/wneessen/go-mail/smtp"
)

const testFrom = "Kith <no-reply@kith.example>"

func TestNewSMTPSender_ParsesURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		url         string
		host        string
		port        int
		implicitTLS bool
		user, pass  string
	}{
		{name: "LoopbackNoAuth", url: "smtp://127.0.0.1:2525", host: "127.0.0.1", port: 2525},
		{name: "DefaultSubmissionPort", url: "smtp://mail.example.com", host: "mail.example.com", port: 587},
		{name: "DefaultImplicitTLSPort", url: "smtps://mail.example.com", host: "mail.example.com", port: 465, implicitTLS: true},
		{name: "ImplicitTLSWithAuth", url: "smtps://kith:pw@mail.example.com:2465", host: "mail.example.com", port: 2465, implicitTLS: true, user: "kith", pass: "pw"},
		{name: "PercentEncodedCredentials", url: "smtp://ops%40kith.example:p%40ss%3Aw%2Frd@mail.example.com:25", host: "mail.example.com", port: 25, user: "ops@kith.example", pass: "p@ss:w/rd"},
		{name: "UppercaseScheme", url: "SMTP://mail.example.com:25", host: "mail.example.com", port: 25},
		{name: "IPv6Literal", url: "smtp://[::1]:2525", host: "::1", port: 2525},
		{name: "TrailingSlash", url: "smtp://mail.example.com:25/", host: "mail.example.com", port: 25},
		{name: "EmptyPasswordGiven", url: "smtp://kith:@mail.example.com:25", host: "mail.example.com", port: 25, user: "kith", pass: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSMTPSender(tt.url, testFrom)
			if err != nil {
				t.Fatalf("NewSMTPSender(%q): %v", tt.url, err)
			}
			got := [5]any{s.host, s.port, s.implicitTLS, s.username, s.password}
			want := [5]any{tt.host, tt.port, tt.implicitTLS, tt.user, tt.pass}
			if got != want {
				t.Errorf("host, port, implicitTLS, user, password = %v, want %v", got, want)
			}
		})
	}
}

func TestNewSMTPSender_RejectsBadURL(t *testing.T) {
	t.Parallel()
	// Every URL carries this password where it can, to prove no error repeats it.
	const secret = "s3cret"
	tests := []struct {
		name    string
		url     string
		wantErr string
	}{
		{name: "Empty", url: "", wantErr: "SMTP_URL is empty"},
		{name: "Blank", url: "  ", wantErr: "SMTP_URL is empty"},
		{name: "WrongScheme", url: "http://kith:s3cret@mail.example.com:25", wantErr: `scheme "http" is not supported`},
		{name: "NoScheme", url: "//kith:s3cret@mail.example.com:25", wantErr: "no scheme"},
		{name: "HostPortOnly", url: "127.0.0.1:25", wantErr: "not a valid URL"},
		{name: "MissingSlashes", url: "smtp:mail.example.com:25", wantErr: "the // is missing"},
		{name: "NoHost", url: "smtp://kith:s3cret@:25", wantErr: "no host"},
		{name: "NothingAfterScheme", url: "smtp://", wantErr: "no host"},
		{name: "PortZero", url: "smtp://kith:s3cret@mail.example.com:0", wantErr: "port"},
		{name: "PortTooLarge", url: "smtp://kith:s3cret@mail.example.com:70000", wantErr: "port"},
		{name: "PortNotNumber", url: "smtp://kith:s3cret@mail.example.com:abc", wantErr: "invalid port"},
		{name: "EmptyPort", url: "smtp://kith:s3cret@mail.example.com:", wantErr: "empty port"},
		{name: "UserWithoutPassword", url: "smtp://kith@mail.example.com:25", wantErr: "no password"},
		{name: "PasswordWithoutUser", url: "smtp://:s3cret@mail.example.com:25", wantErr: "empty user"},
		{name: "Path", url: "smtp://kith:s3cret@mail.example.com:25/inbox", wantErr: "path"},
		{name: "Query", url: "smtp://kith:s3cret@mail.example.com:25?tls=1", wantErr: "query"},
		{name: "Fragment", url: "smtp://kith:s3cret@mail.example.com:25#x", wantErr: "fragment"},
		{name: "BadEscapeInPassword", url: "smtp://kith:s3cret%zz@mail.example.com:25", wantErr: "percent-encoding"},
		{name: "SpaceInHost", url: "smtp://kith:s3cret@mail example.com:25", wantErr: "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSMTPSender(tt.url, testFrom)
			if err == nil {
				t.Fatalf("NewSMTPSender(%q) = %v, want error", tt.url, s)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q reveals the password", err)
			}
		})
	}
}

func TestNewSMTPSender_RejectsBadFrom(t *testing.T) {
	t.Parallel()
	for _, from := range []string{"", "not an address", "no-reply@kith.example\r\nBcc: all@example.com", "a@b, c@d"} {
		t.Run(strconv.Quote(from), func(t *testing.T) {
			if _, err := NewSMTPSender("smtp://127.0.0.1:25", from); err == nil {
				t.Errorf("NewSMTPSender with from %q succeeded, want error", from)
			}
		})
	}
}

func TestSMTPSender_StringHidesPassword(t *testing.T) {
	t.Parallel()
	s, err := NewSMTPSender("smtp://kith:s3cret@mail.example.com:25", testFrom)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%s"} {
		if got := fmt.Sprintf(format, s); strings.Contains(got, "s3cret") || !strings.Contains(got, "mail.example.com") {
			t.Errorf("Sprintf(%q) = %q, want the host without the password", format, got)
		}
	}
}

// sampleMessage is a message with every part a campaign would use.
func sampleMessage() Message {
	return Message{
		To:      "Ada Lovelace <ada@example.com>",
		Subject: "Welcome to Kith",
		Text:    "Hello Ada,\n\nOpen https://kith.example/verify?token=abc&x=1 to continue.\n",
		HTML:    `<p>Hello Ada,</p><p><a href="https://kith.example/verify?token=abc&amp;x=1">Continue</a></p>`,
		Headers: map[string]string{
			"List-Unsubscribe":      "<https://kith.example/unsubscribe/tok-123?list=7>, <mailto:unsubscribe@kith.example?subject=unsubscribe%20tok-123>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
	}
}

func TestSMTPSender_Delivers(t *testing.T) {
	t.Parallel()
	certs := mustTestCert(t)
	users := map[string]string{"kith": "p@ss w0rd"}
	const creds = "kith:p%40ss%20w0rd@"

	chinese, err := Render(VerifyEmail, "zh-Hans", LinkData{Link: "https://kith.example/verify?token=abc", Name: "李雷"})
	if err != nil {
		t.Fatal(err)
	}
	chinese.To = "li@example.com"

	tests := []struct {
		name     string
		server   testServerConfig
		url      string // PORT stands for the server's port
		dialAs   string // when set, the URL names this host and the dial goes to 127.0.0.1
		trust    bool   // trust the test certificate
		msg      Message
		wantTLS  bool
		wantUser string
	}{
		{
			name: "PlainNoAuth",
			url:  "smtp://127.0.0.1:PORT",
			msg:  sampleMessage(),
		},
		{
			name:     "AuthPlainOnLoopback",
			server:   testServerConfig{users: users, requireAuth: true},
			url:      "smtp://" + creds + "127.0.0.1:PORT",
			msg:      sampleMessage(),
			wantUser: "kith",
		},
		{
			name:     "StartTLSWhenOffered",
			server:   testServerConfig{users: users, requireAuth: true, startTLS: certs.server},
			url:      "smtp://" + creds + "localhost:PORT",
			trust:    true,
			msg:      sampleMessage(),
			wantTLS:  true,
			wantUser: "kith",
		},
		{
			name:     "StartTLSThenAuthToRemoteName",
			server:   testServerConfig{users: users, requireAuth: true, startTLS: certs.server},
			url:      "smtp://" + creds + remoteName + ":PORT",
			dialAs:   remoteName,
			trust:    true,
			msg:      sampleMessage(),
			wantTLS:  true,
			wantUser: "kith",
		},
		{
			name:     "ImplicitTLS",
			server:   testServerConfig{users: users, requireAuth: true, implicitTLS: certs.server},
			url:      "smtps://" + creds + "127.0.0.1:PORT",
			trust:    true,
			msg:      sampleMessage(),
			wantTLS:  true,
			wantUser: "kith",
		},
		{
			name: "TextOnly",
			url:  "smtp://127.0.0.1:PORT",
			msg:  Message{To: "ada@example.com", Subject: "Plain", Text: "Just text.\n"},
		},
		{
			name: "HTMLOnly",
			url:  "smtp://127.0.0.1:PORT",
			msg:  Message{To: "ada@example.com", Subject: "Rich", HTML: "<p>Just HTML.</p>"},
		},
		{
			name: "RenderedChinese",
			url:  "smtp://127.0.0.1:PORT",
			msg:  chinese,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startTestServer(t, tt.server)
			s := newTestSender(t, withPort(tt.url, srv.port), srv.port, tt.dialAs, tt.trust)

			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := s.Send(ctx, tt.msg); err != nil {
				t.Fatalf("Send: %v", err)
			}

			msgs := srv.messages()
			if len(msgs) != 1 {
				t.Fatalf("server received %d messages, want 1", len(msgs))
			}
			got := msgs[0]
			rcpt, err := netmail.ParseAddress(tt.msg.To)
			if err != nil {
				t.Fatal(err)
			}
			if got.from != "no-reply@kith.example" || !reflect.DeepEqual(got.to, []string{rcpt.Address}) {
				t.Errorf("envelope = %q -> %q, want %q -> [%q]", got.from, got.to, "no-reply@kith.example", rcpt.Address)
			}
			if got.tls != tt.wantTLS {
				t.Errorf("TLS = %v, want %v", got.tls, tt.wantTLS)
			}
			if got.authUser != tt.wantUser {
				t.Errorf("authenticated user = %q, want %q", got.authUser, tt.wantUser)
			}

			p := parseMail(t, got.data)
			if to, err := p.header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != rcpt.Address {
				t.Errorf("To header = %q (%v), want %q", p.header.Get("To"), err, rcpt.Address)
			}
			if from, err := p.header.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "no-reply@kith.example" || from[0].Name != "Kith" {
				t.Errorf("From header = %q (%v), want %q", p.header.Get("From"), err, testFrom)
			}
			if p.subject != tt.msg.Subject {
				t.Errorf("Subject = %q, want %q", p.subject, tt.msg.Subject)
			}
			if strings.TrimRight(p.text, "\n") != strings.TrimRight(tt.msg.Text, "\n") {
				t.Errorf("text body = %q, want %q", p.text, tt.msg.Text)
			}
			if strings.TrimRight(p.html, "\n") != strings.TrimRight(tt.msg.HTML, "\n") {
				t.Errorf("HTML body = %q, want %q", p.html, tt.msg.HTML)
			}
			for name, want := range tt.msg.Headers {
				if got := p.header.Get(name); got != want {
					t.Errorf("header %s = %q, want %q", name, got, want)
				}
			}
			if id := p.header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@kith.example>") {
				t.Errorf("Message-ID = %q, want <...@kith.example>", id)
			}
			if p.header.Get("Date") == "" {
				t.Error("Date header missing")
			}
			if ua := p.header.Get("User-Agent") + p.header.Get("X-Mailer"); ua != "" {
				t.Errorf("User-Agent/X-Mailer = %q, want none", ua)
			}
		})
	}
}

func TestSMTPSender_AuthFailures(t *testing.T) {
	t.Parallel()
	certs := mustTestCert(t)
	users := map[string]string{"kith": "right"}
	tests := []struct {
		name         string
		server       testServerConfig
		url          string
		dialAs       string
		trust        bool
		wantErr      error  // when set, errors.Is must hold
		wantText     string // when set, the error must contain it
		wantAttempts []string
	}{
		{
			name:         "WrongPassword",
			server:       testServerConfig{users: users, requireAuth: true},
			url:          "smtp://kith:wrong@127.0.0.1:PORT",
			wantText:     "AUTH failed",
			wantAttempts: []string{"kith"},
		},
		{
			name:     "NoCredentialsButServerRequiresAuth",
			server:   testServerConfig{users: users, requireAuth: true},
			url:      "smtp://127.0.0.1:PORT",
			wantText: "authenticate",
		},
		{
			name:     "CredentialsButServerOffersNoAuth",
			server:   testServerConfig{},
			url:      "smtp://kith:right@127.0.0.1:PORT",
			wantText: "does not support SMTP AUTH",
		},
		{
			// A password must never cross a real network in clear text.
			name:    "CleartextToRemoteName",
			server:  testServerConfig{users: users, requireAuth: true},
			url:     "smtp://kith:right@" + remoteName + ":PORT",
			dialAs:  remoteName,
			wantErr: gomailsmtp.ErrUnencrypted,
		},
		{
			// STARTTLS is opportunistic but, once offered, never unverified.
			name:     "UntrustedCertificate",
			server:   testServerConfig{users: users, requireAuth: true, startTLS: certs.server},
			url:      "smtp://kith:right@localhost:PORT",
			wantText: "certificate",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startTestServer(t, tt.server)
			s := newTestSender(t, withPort(tt.url, srv.port), srv.port, tt.dialAs, tt.trust)

			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := s.Send(ctx, sampleMessage())
			t.Logf("Send: %v", err)
			if err == nil {
				t.Fatal("Send succeeded, want error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want errors.Is %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantText)
			}
			if strings.Contains(err.Error(), "right") {
				t.Errorf("error %q reveals the password", err)
			}
			if errors.Is(err, ErrInvalidMessage) {
				t.Errorf("error %v wraps ErrInvalidMessage, but the message was fine", err)
			}
			if n := len(srv.messages()); n != 0 {
				t.Errorf("server received %d messages, want none", n)
			}
			if got := srv.authUsers(); !reflect.DeepEqual(got, tt.wantAttempts) {
				t.Errorf("AUTH attempts = %q, want %q", got, tt.wantAttempts)
			}
		})
	}
}

func TestSMTPSender_ServerDown(t *testing.T) {
	t.Parallel()
	const greeting = "220 localhost ESMTP\r\n"
	tests := []struct {
		name    string
		port    func(t *testing.T) int
		ctx     func() (context.Context, context.CancelFunc)
		wantErr error // when set, errors.Is must hold
	}{
		{name: "ConnectionRefused", port: closedPort, ctx: timeoutCtx(10 * time.Second)},
		{name: "NoGreeting", port: silentPort(""), ctx: timeoutCtx(300 * time.Millisecond), wantErr: context.DeadlineExceeded},
		{name: "StallsAfterGreeting", port: silentPort(greeting), ctx: timeoutCtx(300 * time.Millisecond), wantErr: context.DeadlineExceeded},
		{name: "CanceledWhileWaiting", port: silentPort(greeting), ctx: cancelAfter(200 * time.Millisecond), wantErr: context.Canceled},
		{name: "AlreadyCanceled", port: silentPort(""), ctx: cancelAfter(0), wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			port := tt.port(t)
			s, err := NewSMTPSender(withPort("smtp://127.0.0.1:PORT", port), testFrom)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := tt.ctx()
			defer cancel()

			start := time.Now()
			err = s.Send(ctx, sampleMessage())
			elapsed := time.Since(start)
			t.Logf("Send after %v: %v", elapsed.Round(time.Millisecond), err)
			if err == nil {
				t.Fatal("Send succeeded, want error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want errors.Is %v", err, tt.wantErr)
			}
			// Each step may take 30s; returning well before that proves the
			// context, not the step timeout, ended the wait.
			if elapsed > 3*time.Second {
				t.Errorf("Send took %v, want it to give up with the context", elapsed)
			}
		})
	}
}

// timeoutCtx returns a context constructor with the given timeout.
func timeoutCtx(d time.Duration) func() (context.Context, context.CancelFunc) {
	return func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), d)
	}
}

// cancelAfter returns a context constructor whose context is canceled after
// d, or already canceled when d is zero.
func cancelAfter(d time.Duration) func() (context.Context, context.CancelFunc) {
	return func() (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		if d == 0 {
			cancel()
		} else {
			time.AfterFunc(d, cancel)
		}
		return ctx, cancel
	}
}

// silentPort returns a port constructor starting a silentServer.
func silentPort(greeting string) func(t *testing.T) int {
	return func(t *testing.T) int { return startSilentServer(t, greeting).port }
}

func TestSMTPSender_RejectsInvalidMessage(t *testing.T) {
	t.Parallel()
	srv := startSilentServer(t, "")
	s, err := NewSMTPSender(withPort("smtp://127.0.0.1:PORT", srv.port), testFrom)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		modify func(m *Message)
	}{
		{name: "NoRecipient", modify: func(m *Message) { m.To = "" }},
		{name: "BadRecipient", modify: func(m *Message) { m.To = "not an address" }},
		{name: "TwoRecipients", modify: func(m *Message) { m.To = "a@example.com, b@example.com" }},
		{name: "InjectedRecipient", modify: func(m *Message) { m.To = "a@example.com\r\nBcc: all@example.com" }},
		{name: "NoSubject", modify: func(m *Message) { m.Subject = " " }},
		{name: "SubjectWithLineBreak", modify: func(m *Message) { m.Subject = "Hi\r\nBcc: all@example.com" }},
		{name: "NoBody", modify: func(m *Message) { m.Text, m.HTML = "", "" }},
		{name: "ReservedHeader", modify: func(m *Message) { m.Headers = map[string]string{"bcc": "all@example.com"} }},
		{name: "ReservedContentType", modify: func(m *Message) { m.Headers = map[string]string{"Content-Type": "text/plain"} }},
		{name: "HeaderNameWithColon", modify: func(m *Message) { m.Headers = map[string]string{"X-A:B": "1"} }},
		{name: "HeaderNameWithSpace", modify: func(m *Message) { m.Headers = map[string]string{"X A": "1"} }},
		{name: "EmptyHeaderName", modify: func(m *Message) { m.Headers = map[string]string{"": "1"} }},
		{name: "HeaderValueInjection", modify: func(m *Message) { m.Headers = map[string]string{"X-Campaign": "7\r\nBcc: all@example.com"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleMessage()
			tt.modify(&m)
			err := s.Send(context.Background(), m)
			if !errors.Is(err, ErrInvalidMessage) {
				t.Errorf("Send = %v, want ErrInvalidMessage", err)
			}
		})
	}
	if n := srv.acceptedCount(); n != 0 {
		t.Errorf("server accepted %d connections for invalid messages, want none", n)
	}
}

// newTestSender builds a sender for rawURL. With dialAs set, connections to
// dialAs go to the test server on 127.0.0.1 instead; with trust, the test
// certificate is trusted.
func newTestSender(t *testing.T, rawURL string, port int, dialAs string, trust bool) *SMTPSender {
	t.Helper()
	s, err := NewSMTPSender(rawURL, testFrom)
	if err != nil {
		t.Fatalf("NewSMTPSender: %v", err)
	}
	if trust {
		s.tlsConfig = mustTestCert(t).client
	}
	if dialAs != "" {
		want := net.JoinHostPort(dialAs, strconv.Itoa(port))
		s.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr != want {
				return nil, fmt.Errorf("test dialer: unexpected address %q, want %q", addr, want)
			}
			var d net.Dialer
			return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		}
	}
	return s
}

// withPort replaces PORT in rawURL; fmt would mangle the URL's percent-escapes.
func withPort(rawURL string, port int) string {
	return strings.Replace(rawURL, "PORT", strconv.Itoa(port), 1)
}

// closedPort returns a loopback port on which nothing listens.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}
