/**
 * SGLang's `prefill_delayer_max_delay_passes` default (`server_args.py`): how many passes its
 * prefill delayer holds a rank's prompts at most (prefill-delayer.ts). A module of its own, so
 * that the explorer's settings can name it without loading the delayer's model or the memory
 * defaults into the element's first chunk.
 */
export const SGLANG_PREFILL_DELAY_PASSES = 30;
