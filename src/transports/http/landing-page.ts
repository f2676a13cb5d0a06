export interface LandingPageOptions {
  /** The endpoint as the visitor reached it, e.g. `https://docs-mcp.example.com/mcp` (from the request's Host). */
  mcpUrl: string;
  /** Docs commit and build time of the index being served. */
  docsCommit: string;
  builtAt: string;
  version: string;
  /** Per-response nonce that lets the page's own inline script and style run under its CSP. */
  nonce: string;
}

/** Server name in IDE configs and commands. */
const NAME = 'upsun-docs';

/**
 * `GET /`: what this endpoint is, how to add it to each assistant, and a search box over `/api/search`.
 * Plain HTML, CSS and a little JavaScript; no external assets. Every interpolated value is escaped
 * (the Host header is the client's to choose); results are inserted with textContent, never as HTML.
 */
export function renderLandingPage({ mcpUrl, docsCommit, builtAt, version, nonce }: LandingPageOptions): string {
  const snippets: Array<{ id: string; title: string; note: string; code: string }> = [
    { id: 'claude-code', title: 'Claude Code', note: 'Run in a terminal:', code: `claude mcp add --transport http ${NAME} ${mcpUrl}` },
    {
      id: 'claude-desktop',
      title: 'Claude Desktop',
      note: 'Settings → Connectors → Add custom connector, with the URL above. Or, in claude_desktop_config.json (through the mcp-remote bridge):',
      code: JSON.stringify({ mcpServers: { [NAME]: { command: 'npx', args: ['-y', 'mcp-remote', mcpUrl] } } }, null, 2),
    },
    { id: 'cursor', title: 'Cursor', note: 'In ~/.cursor/mcp.json (or .cursor/mcp.json in a project):', code: JSON.stringify({ mcpServers: { [NAME]: { url: mcpUrl } } }, null, 2) },
    {
      id: 'vscode',
      title: 'VS Code',
      note: 'In .vscode/mcp.json (or run “MCP: Add Server…” → HTTP):',
      code: JSON.stringify({ servers: { [NAME]: { type: 'http', url: mcpUrl } } }, null, 2),
    },
  ];
  const snippetHtml = snippets
    .map(
      ({ id, title, note, code }) => `
    <section class="snippet" id="${id}">
      <h3>${escapeHtml(title)}</h3>
      <p>${escapeHtml(note)}</p>
      <div class="code"><pre><code>${escapeHtml(code)}</code></pre><button type="button" class="copy" aria-label="Copy the ${escapeHtml(title)} snippet">Copy</button></div>
    </section>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Upsun docs MCP server</title>
<style nonce="${escapeHtml(nonce)}">
  :root { color-scheme: light dark; --accent: #6046ff; --muted: #667; --border: #d8d8e0; --code: #f5f5fa; }
  @media (prefers-color-scheme: dark) { :root { --muted: #aab; --border: #3a3a48; --code: #1e1e28; } }
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
  h1 { margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--border); padding-bottom: .25rem; }
  .lead { font-size: 1.1rem; } .meta { color: var(--muted); font-size: .9rem; }
  .endpoint { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
  code, pre { font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  .endpoint code { background: var(--code); padding: .35rem .6rem; border-radius: 6px; border: 1px solid var(--border); }
  .code { position: relative; } pre { background: var(--code); border: 1px solid var(--border); border-radius: 8px; padding: .9rem 1rem; overflow-x: auto; margin: 0; }
  .copy { position: absolute; top: .5rem; right: .5rem; }
  button { font: inherit; font-size: .85rem; padding: .3rem .7rem; border-radius: 6px; border: 1px solid var(--border); background: transparent; color: inherit; cursor: pointer; }
  .snippets { display: grid; gap: 1rem; } .snippet h3 { margin: 1rem 0 .25rem; } .snippet p { margin: .25rem 0 .5rem; }
  form { display: flex; gap: .5rem; } input[type=search] { flex: 1; font: inherit; padding: .5rem .75rem; border-radius: 6px; border: 1px solid var(--border); background: transparent; color: inherit; }
  form button { background: var(--accent); color: #fff; border-color: var(--accent); font-size: 1rem; }
  #results { list-style: none; padding: 0; } #results li { padding: .75rem 0; border-bottom: 1px solid var(--border); }
  #results a { font-weight: 600; color: var(--accent); } #results .path { color: var(--muted); font-size: .85rem; } #results .snippet-text { margin: .25rem 0 0; }
  #status { color: var(--muted); }
</style>
</head>
<body>
<header>
  <h1>Upsun docs MCP server</h1>
  <p class="lead">A read-only <a href="https://modelcontextprotocol.io">Model Context Protocol</a> server for the
  <a href="https://docs.upsun.com">Upsun documentation</a>: assistants search the docs, read pages as Markdown,
  check <code>.upsun/config.yaml</code> files and list supported runtime versions.</p>
  <div class="endpoint"><strong>Endpoint:</strong> <code id="mcp-url">${escapeHtml(mcpUrl)}</code></div>
  <p class="meta">Streamable HTTP, protocol revisions 2025-03-26 to 2026-07-28. No sign-in; tool calls are rate-limited per client.
  Docs commit <code>${escapeHtml(docsCommit || 'unknown')}</code>, index built ${escapeHtml(builtAt)}, server ${escapeHtml(version)}.
  Also: <a href="/llms.txt">llms.txt</a> · <a href="/healthz">health</a>.</p>
</header>
<main>
  <h2>Search the docs</h2>
  <form id="search" role="search" action="/api/search" method="get">
    <input type="search" name="q" id="q" placeholder="e.g. add a persistent mount" aria-label="Search the Upsun docs" maxlength="1000" required>
    <button type="submit">Search</button>
  </form>
  <p id="status" aria-live="polite"></p>
  <ol id="results"></ol>

  <h2>Connect your assistant</h2>
  <div class="snippets">${snippetHtml}
  </div>
</main>
<script nonce="${escapeHtml(nonce)}">
  for (const button of document.querySelectorAll('button.copy')) {
    button.addEventListener('click', async () => {
      const text = button.parentElement.querySelector('code').textContent;
      try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
      catch { button.textContent = 'Select and copy'; }
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    });
  }
  const form = document.getElementById('search');
  const input = document.getElementById('q');
  const list = document.getElementById('results');
  const status = document.getElementById('status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (!query) return;
    status.textContent = 'Searching…';
    list.replaceChildren();
    try {
      const response = await fetch('/api/search?' + new URLSearchParams({ q: query, limit: '8' }));
      const body = await response.json();
      if (!response.ok) { status.textContent = body.error || ('Search failed (' + response.status + ').'); return; }
      status.textContent = body.results.length ? body.results.length + ' results' : 'No results. Try other words.';
      for (const result of body.results) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = result.url;
        link.textContent = result.heading_path.join(' › ');
        const path = document.createElement('div');
        path.className = 'path';
        path.textContent = result.url;
        const snippet = document.createElement('p');
        snippet.className = 'snippet-text';
        snippet.textContent = result.snippet.replace(/\\*\\*/g, '');
        item.append(link, path, snippet);
        list.append(item);
      }
    } catch (error) {
      status.textContent = 'Search failed: ' + error.message;
    }
  });
</script>
</body>
</html>
`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}
