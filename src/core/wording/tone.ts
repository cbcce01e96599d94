// A worded line and how much it matters. Front ends choose how to show a tone (the CLI's colours
// and stderr, the editor's output channel); the words are the same everywhere.

export type Tone = 'plain' | 'dim' | 'good' | 'warning' | 'error';

export interface Worded {
  text: string;
  tone: Tone;
}
