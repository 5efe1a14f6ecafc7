/**
 * Markdown the server has rendered to HTML. The server sanitises `bodyHTML`
 * (an allow-list of tags and attributes, no scripts, no event handlers, safe
 * link schemes), which is the ONLY reason inserting it as HTML is acceptable
 * here. Never pass anything else to this component; when the server sends no
 * HTML the plain body is shown as text, escaped by React.
 */
export function RenderedBody({ html, text, className }: { html: string | null | undefined; text: string; className?: string }) {
  if (html == null || html === '') {
    return <div className={`${className ?? ''} body-text`}>{text}</div>;
  }
  // Safe only because the server sanitises bodyHTML (see above).
  return <div className={`${className ?? ''} body-html`} dangerouslySetInnerHTML={{ __html: html }} />;
}
