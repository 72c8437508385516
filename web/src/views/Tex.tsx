import { memo, useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** TeX typeset by KaTeX (fonts come from the bundle); bad TeX shows as red source, never throws. */
export const Tex = memo(function Tex({ tex, display = false }: { readonly tex: string; readonly display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { throwOnError: false, strict: 'ignore', displayMode: display, output: 'htmlAndMathml' }),
    [tex, display],
  );
  return <span className="tex" data-testid="tex" dangerouslySetInnerHTML={{ __html: html }} />;
});
