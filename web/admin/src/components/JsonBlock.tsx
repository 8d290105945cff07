// Pretty-printed JSON in a scrollable block.
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2);
  return (
    <pre className="json-block" tabIndex={0} aria-label={label}>
      {text}
    </pre>
  );
}
