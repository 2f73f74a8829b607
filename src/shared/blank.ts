/** Only white space and invisible characters (the zero-width fillers editors leave in an emptied box). */
export const isBlank = (text: string): boolean => !/[^\s\u200b-\u200d\u2060\ufeff]/.test(text);
