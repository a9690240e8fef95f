"""RLlib trains PPO on a Gait environment across a two-node Ray cluster (both nodes on this machine)."""
import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "rllib_ppo.py"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_ppo_with_two_env_runners_on_a_two_node_cluster():
    ray = shutil.which("ray") or str(pathlib.Path(sys.executable).with_name("ray"))
    address = f"127.0.0.1:{free_port()}"
    # Every node and the driver share one authentication token.
    environment = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(32))
    common = ["--num-cpus=2", "--object-store-memory=200000000", "--disable-usage-stats"]
    try:
        subprocess.run([ray, "start", "--head", f"--port={address.split(':')[1]}", "--node-ip-address=127.0.0.1",
                        "--include-dashboard=false", *common], check=True, env=environment, capture_output=True, timeout=180)
        subprocess.run([ray, "start", f"--address={address}", "--node-ip-address=127.0.0.1", *common], check=True,
                       env=environment, capture_output=True, timeout=180)
        result = subprocess.run([sys.executable, str(EXAMPLE), "--address", address, "--env", "pendulum", "--env-runners", "2",
                                 "--iterations", "2", "--batch", "1000"], env=environment, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
        lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert lines[0]["nodes"] == 2 and lines[0]["cpus"] == 4
        iterations = lines[1:]
        assert [line["iteration"] for line in iterations] == [1, 2]
        assert iterations[-1]["env_steps"] >= 2000
        assert -2000 < iterations[-1]["episode_return_mean"] <= 0
    finally:
        subprocess.run([ray, "stop", "--force"], env=environment, capture_output=True, timeout=120)
