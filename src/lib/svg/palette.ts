/**
 * GOV.UK Design System colours used by the charts.
 *
 * Every colour that draws a meaningful mark on its own has at least 3:1 contrast
 * with white (WCAG 1.4.11). Orange does not (about 2.8:1), so orange marks are
 * always outlined in {@link COLOURS.text}. Gridlines are decorative and lighter.
 *
 * @module
 */

/** Named colours of the GOV.UK palette. */
export const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  blue: '#1d70b8',
  darkBlue: '#003078',
  red: '#d4351c',
  green: '#00703c',
  orange: '#f47738',
  purple: '#4c2c92',
  grey: '#505a5f',
  midGrey: '#b1b4b6',
  lightGrey: '#f3f2f1',
  white: '#ffffff',
} as const;

/** System font stack: the user's interface font, no download (and no font-src request). */
export const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Dash patterns, so that lines differ by more than colour. */
export const DASHES = {
  /** Process limits and 95% limits. */
  dashed: '6 4',
  /** 99.8% limits: longer dashes than the 95% limits. */
  longDashed: '12 4',
  /** Targets. */
  dotted: '1.5 3',
  /** National series. */
  dashDot: '8 3 2 3',
} as const;
