export default function Home() {
  return <main className="p-8">Solar Monitor</main>;
}
