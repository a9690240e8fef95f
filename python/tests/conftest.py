"""Shared fixtures: the gait command line and small trained agents to test policies with."""
import os
import pathlib
import subprocess

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def gait_cli():
    """The ``gait`` binary: ``GAIT_CLI``, or the release build in the checkout (built if missing)."""
    binary = pathlib.Path(os.environ.get("GAIT_CLI") or REPOSITORY / ".build/release/gait")
    if not binary.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "gait", "--package-path", str(REPOSITORY)], check=True)
    return str(binary)


def run_cli(gait_cli, *arguments):
    """Runs the command line and returns its standard output; a failure fails the test with stderr."""
    result = subprocess.run([gait_cli, *arguments], capture_output=True, text=True)
    assert result.returncode == 0, f"gait {' '.join(arguments)} failed: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def trained(gait_cli, tmp_path_factory):
    """Makes (once per session) a briefly trained agent and one evaluation episode it played:
    ``trained(agent, env_id)`` returns (checkpoint path, episode path)."""
    made = {}

    def make(agent, env_id, *settings):
        if (agent, env_id, settings) not in made:
            run = tmp_path_factory.mktemp(f"{agent}-{env_id}")
            steps = {"sac": "1200", "td3": "1200", "ddpg": "1200"}.get(agent, "512")
            starts = ["--set", {"ppo": "num_steps=512", "a3c": "n_steps=16"}.get(agent, "learning_starts=1000")]
            run_cli(gait_cli, "train", env_id, "--agent", agent, "--steps", steps, "--out", str(run / "run"),
                    "--eval-every", steps, "--eval-episodes", "1", *starts, *settings)
            checkpoint = run / "run" / "checkpoints" / f"{steps}.safetensors"
            run_cli(gait_cli, "eval", str(checkpoint), "--episodes", "1", "--record", str(run / "episodes"))
            made[(agent, env_id, settings)] = (checkpoint, run / "episodes" / "episode-000.gaitep")
        return made[(agent, env_id, settings)]

    return make
