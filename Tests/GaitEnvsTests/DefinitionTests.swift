import Foundation
import GaitCore
import GaitEnvs
import Testing

/// Environment files build on the same task families as the built-in robots.
@Suite struct DefinitionTests {
    func trajectory(_ spec: EnvironmentSpec, steps: Int = 300) throws -> [Double] {
        let environment = try spec.make()
        var observation = try environment.reset(seed: 11).observation.map(Double.init)
        var random = RandomSource(seed: 5)
        for _ in 0..<steps {
            let result = try environment.step((0..<spec.actionSize).map { _ in Float(random.uniform(-1...1)) })
            observation += result.observation.map(Double.init) + [result.reward]
            if result.isDone { break }
        }
        return observation
    }

    @Test(arguments: [("walker-stand", "walker", "stand", nil), ("walker-run", "walker", "walk", 8.0),
                      ("cheetah-run", "cheetah", "run", nil), ("hopper-hop", "hopper", "hop", nil),
                      ("humanoid-stand", "humanoid", "humanoid", nil), ("humanoid-run", "humanoid", "humanoid", 10.0),
                      ("humanoid-getup", "humanoid", "getup", nil), ("quadruped-run", "quadruped", "quadruped", 5.0)]
          as [(String, String, String, Double?)])
    func aDefinitionOfABuiltinTaskIsTheBuiltinTask(id: String, robot: String, family: String, speed: Double?) throws {
        var fields: [String: Any] = ["id": "copy", "model": robot, "task": family]
        if let speed { fields["target_speed"] = speed }
        let definition = try EnvironmentDefinition(fields: fields, source: "copy.yaml", directory: URL(fileURLWithPath: "/"))
        let builtin = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self]).spec(id)
        #expect(try trajectory(definition.spec()) == trajectory(builtin))
    }

    @Test func controlCostIsChargedOnTopOfTheTaskReward() throws {
        let base: [String: Any] = ["id": "a", "model": "walker", "task": "stand"]
        let charged = base.merging(["control_cost": 0.5]) { $1 }
        let plain = try EnvironmentDefinition(fields: base, source: "a.yaml", directory: URL(fileURLWithPath: "/")).spec().make()
        let costly = try EnvironmentDefinition(fields: charged, source: "a.yaml", directory: URL(fileURLWithPath: "/")).spec().make()
        _ = try plain.reset(seed: 1)
        _ = try costly.reset(seed: 1)
        let action: [Float] = [0.5, -1, 0, 0.2, 0, 1]
        let (r1, r2) = (try plain.step(action), try costly.step(action))
        let expected = 0.5 * action.reduce(0) { $0 + Double($1) * Double($1) }
        #expect(abs((r1.reward - r2.reward) - expected) < 1e-12)
        #expect(r2.info["control_cost"] == expected)
    }
}
