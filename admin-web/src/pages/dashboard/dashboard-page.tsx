// Placeholder until its page lands (issue 12, this session).
export default function Page() {
  return <p>dashboard-page</p>;
}
