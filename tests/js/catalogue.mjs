// A stand-in for window.CK_STRINGS (the plugin writes the real one from locales/*.yml): the texts
// the pure modules use, so the tests read like what a learner sees.
export const STRINGS = {
  zh: {
    sep: "、",
    arrow: " → ",
    option: "{letter}. {text}",
    no_answer: "未作答",
    blank_empty: "（空）",
    judge_true: "正确",
    judge_false: "错误",
    date: "{y}年{m}月{d}日",
    greeting: "你好，{name}",
  },
  en: {
    sep: ", ",
    judge_true: "True",
  },
};

export function useStrings(lang = "zh") {
  globalThis.window = { CK_STRINGS: STRINGS };
  globalThis.document = lang ? { documentElement: { lang } } : undefined;
}
