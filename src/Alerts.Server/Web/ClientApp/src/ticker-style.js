// Pixel sizes, not rem: the host page's root font size must not resize the bar.
export const tickerStyle = `
:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.bar {
  --latin: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --arabic: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "Geeza Pro", "Dubai", Tahoma, "DejaVu Sans", sans-serif;
  display: flex; align-items: stretch; min-height: 44px; overflow: hidden;
  background: #c8102e; color: #fff; box-shadow: 0 1px 3px rgba(0, 0, 0, .25);
  font: 600 16px/1.4 var(--latin); -webkit-font-smoothing: antialiased;
}
.bar[hidden] { display: none; }
.bar[dir="rtl"] { font-family: var(--arabic); font-size: 17px; }
.label {
  flex: none; display: flex; align-items: center; padding: 0 16px;
  background: #8f0a1f; font-size: 14px; font-weight: 800; letter-spacing: .08em; text-transform: uppercase;
}
/* Spacing letters apart breaks the joins of Arabic script. */
.bar[dir="rtl"] .label { font-size: 17px; letter-spacing: 0; }
.viewport {
  flex: 1; min-width: 0; display: flex; align-items: center; overflow: hidden;
  -webkit-mask-image: linear-gradient(to right, transparent, #000 12px, #000 calc(100% - 24px), transparent);
  mask-image: linear-gradient(to right, transparent, #000 12px, #000 calc(100% - 24px), transparent);
}
.bar[dir="rtl"] .viewport {
  -webkit-mask-image: linear-gradient(to left, transparent, #000 12px, #000 calc(100% - 24px), transparent);
  mask-image: linear-gradient(to left, transparent, #000 12px, #000 calc(100% - 24px), transparent);
}
.track { display: flex; flex: none; margin: 0; padding: 10px 4px; list-style: none; white-space: nowrap; }
.line { display: flex; align-items: baseline; gap: 8px; padding: 0 16px; }
.line + .line { border-inline-start: 1px solid rgba(255, 255, 255, .4); }
.line a { color: inherit; text-decoration: none; border-radius: 2px; }
.line a:hover { text-decoration: underline; text-underline-offset: 3px; }
.line a:focus-visible { outline: 2px solid #fff; outline-offset: 3px; }
.headline { unicode-bidi: isolate; }
.flash .headline::before {
  content: ""; display: inline-block; width: 8px; height: 8px; margin-inline-end: 8px;
  border-radius: 50%; background: #ffd200; vertical-align: 2px;
}
.update .headline { font-weight: 400; }
time { font-size: 13px; font-weight: 400; opacity: .85; font-variant-numeric: tabular-nums; }
@media (prefers-reduced-motion: reduce) {
  .viewport { overflow-x: auto; scrollbar-width: thin; scrollbar-color: rgba(255, 255, 255, .5) transparent; }
}
@media (forced-colors: active) {
  .bar, .label { border: 1px solid CanvasText; }
}
`;

// The push button stands apart from the bar, which hides itself while it has no lines.
export const pushStyle = `
:host { all: initial; display: block; }
.push { display: flex; align-items: center; gap: 12px; padding: 6px 0; font: 400 14px/1.4 system-ui, sans-serif; color: #222; }
.push-button {
  font: 600 14px/1 system-ui, sans-serif; min-height: 32px; padding: 0 14px; cursor: pointer;
  color: #fff; background: #c8102e; border: 0; border-radius: 16px;
}
.push-button:hover { background: #8f0a1f; }
.push-button:focus-visible { outline: 2px solid #c8102e; outline-offset: 2px; }
.push-button[disabled] { opacity: .6; cursor: progress; }
.push-button[hidden] { display: none; }
`;
