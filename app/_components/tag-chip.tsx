// A tag as a small chip: the tag's colour as a dot and a tint, the name in dark text (readable
// whatever colour the admins chose); with a × to remove it where the viewer may.
export function TagChip({ tag, onRemove, removeLabel }: { tag: { name: string; color: string; active?: boolean }; onRemove?: () => void; removeLabel?: string }) {
  return (
    <span
      className="inline-flex max-w-40 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset"
      style={{ background: `${tag.color}1f`, ["--tw-ring-color" as string]: `${tag.color}66` }}
      data-testid="tag-chip"
    >
      <span className="size-1.5 shrink-0 rounded-full" style={{ background: tag.color }} aria-hidden />
      <span className={`truncate ${tag.active === false ? "line-through decoration-slate-400" : ""}`}>{tag.name}</span>
      {onRemove && (
        <button type="button" onClick={onRemove} aria-label={removeLabel} title={removeLabel} className="-mr-1 rounded-full px-1 text-slate-500 hover:bg-white hover:text-red-600">
          ×
        </button>
      )}
    </span>
  );
}
