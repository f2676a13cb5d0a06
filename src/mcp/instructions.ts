/**
 * Sent once at connection (`instructions` in the initialize / server/discover result). Says which tool
 * answers which kind of question and how to cite; hosts put it in the model's context, so it stays short.
 */
export const SERVER_INSTRUCTIONS = `Answers questions about Upsun (the cloud application platform) from its official documentation, bundled and indexed locally.

- search_docs: start here for any Upsun question (config keys, services, routes, CLI, errors). Returns doc sections as Markdown with URLs.
- read_page: read a whole page or section when a search result is not enough; pass the path or URL from search_docs. Long pages return a next_cursor.
- explain_config: for an .upsun/config.yaml the user shows you. Validates it (schema, runtime/service versions, line numbers) and returns the docs for every key it uses.
- list_versions: which runtime or service versions are supported, deprecated or retired (e.g. "which PostgreSQL versions can I use").

Answer from what these tools return and cite the section URLs. If the docs do not cover a question, say so. "upsun" is Upsun Flex (.upsun/config.yaml, the default); "platformsh" is Upsun Fixed, formerly Platform.sh (.platform.app.yaml).
Pages are also resources (upsun-docs://upsun/<path>, #anchor for a section); upsun-docs://index tells how recent the docs are.`;
