package server

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

const notBuiltPage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Kith</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Kith is running</h1><p>The web app has not been built into this binary. Run <code>make run</code>
(or <code>make build</code>) to build it. The GraphQL API is at <a href="/query">/query</a>.</p></body></html>`

// WebApp serves the built single-page app from files (the embedded dist
// folder). Paths that are not files get index.html, so client-side routes
// survive a reload; hashed assets are cached for a year.
func WebApp(files fs.FS) http.Handler {
	index, err := fs.ReadFile(files, "index.html")
	fileServer := http.FileServer(http.FS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(notBuiltPage)) //nolint:errcheck
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p != "" && p != "index.html" {
			if st, statErr := fs.Stat(files, p); statErr == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				fileServer.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'")
		w.Write(index) //nolint:errcheck
	})
}
