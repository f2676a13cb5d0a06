/**
 * Estimate how many LLM tokens a text costs. Budgets are advisory (hosts cap tool output near
 * 25,000 tokens), so a cheap estimate beats shipping a tokenizer: English prose averages about
 * 4 characters a token and code about 3, so 3.6 keeps estimates on the safe (high) side.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.6);
}
