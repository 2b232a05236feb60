// Placeholder until the Streams page (issue 5) lands.
export default function StreamsPage() {
  return <h1 className="text-2xl font-semibold">Streams</h1>;
}
