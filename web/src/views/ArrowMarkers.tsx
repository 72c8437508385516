/** SVG arrowhead markers, one per dependence kind, for `marker-end="url(#<prefix>-<kind>)"`. */
export function ArrowMarkers({
  prefix,
  kinds,
  refX,
}: {
  readonly prefix: string;
  readonly kinds: readonly string[];
  readonly refX: number;
}) {
  return (
    <>
      {kinds.map((k) => (
        <marker
          key={k}
          id={`${prefix}-${k}`}
          className={`arrowhead kind-${k}`}
          viewBox="0 0 10 10"
          refX={refX}
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="9"
          markerHeight="9"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      ))}
    </>
  );
}
