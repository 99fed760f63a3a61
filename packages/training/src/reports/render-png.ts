import type { Resvg as ResvgClass } from '@resvg/resvg-js';

/**
 * resvg (a native module, ~5 MB resident) loads with the first chart: only a retrain draws one,
 * and every role that merely predicts links this package.
 */
function resvg(): typeof ResvgClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;
}

/**
 * The font every chart is drawn with, shipped as an npm package: an Amvera container may have no
 * fonts installed, and resvg silently drops text it has no font for. DejaVu covers Cyrillic.
 */
export const CHART_FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** Renders an SVG document to PNG bytes with the bundled font only (system fonts off). */
export function renderPng(svg: string): Buffer {
  const Resvg = resvg();
  const image = new Resvg(svg, {
    font: {
      fontFiles: [CHART_FONT_FILE],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
    background: '#ffffff',
    fitTo: { mode: 'original' },
  });
  return image.render().asPng();
}
