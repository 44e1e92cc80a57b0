// An invite code as people copy it from the screen: large, in groups of four that wrap as wholes on a
// narrow phone or at 200 % text (a code of three groups is wider than a 360 px screen at that size).

/** `code`: as the server gave it, `XXXX-XXXX-XXXX`; its text (dashes included) is what is shown and copied. */
export function InviteCode(props: { code: string; testId?: string }) {
  const groups = props.code.split('-');
  return (
    <p class="invite__code" data-testid={props.testId}>
      {groups.map((group, i) => (
        <span key={i} class="invite__group">
          {i < groups.length - 1 ? `${group}-` : group}
        </span>
      ))}
    </p>
  );
}
