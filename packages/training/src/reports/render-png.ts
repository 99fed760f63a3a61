import { Resvg } from '@resvg/resvg-js';

/**
 * The font every chart is drawn with, shipped as an npm package: an Amvera container may have no
 * fonts installed, and resvg silently drops text it has no font for. DejaVu covers Cyrillic.
 */
export const CHART_FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** Renders an SVG document to PNG bytes with the bundled font only (system fonts off). */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [CHART_FONT_FILE],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
    background: '#ffffff',
    fitTo: { mode: 'original' },
  });
  return resvg.render().asPng();
}
