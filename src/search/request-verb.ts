/**
 * An issue or pull request title starts with what the reporter asks the maintainers to do: "Add default
 * configuration for …", "Support deployments if …", "Document the deployment of …", "Fix …", "Added support
 * for …". That verb is the tracker's genre, not the subject: the docs hold "add" and "support" in hundreds of
 * sections (add a domain, add-on, support tickets), so it pulls pages about adding or support. Real users
 * paste such titles as their question. The verb is dropped when it opens a long question (after any
 * bracketed tags such as "[Platform.sh]"); a short query keeps it ("add a domain", "support ticket").
 */
const REQUEST_VERB = /^(\s*(?:\[[^\]\n]{1,40}\]\s*)*)(?:add|added|adds|support|supports|document|allow|fix|fixed|fixes)\b/iu;

/** At least this many words must follow the verb: only a long question reads as an issue title. */
const MIN_WORDS_AFTER = 5;

/** The text without an issue title's leading request verb (see above); other text as it is. */
export function dropRequestVerb(text: string): string {
  const match = REQUEST_VERB.exec(text);
  if (!match) return text;
  const rest = text.slice(match[0].length);
  if ((rest.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < MIN_WORDS_AFTER) return text;
  return `${match[1] ?? ''}${rest}`;
}
