package org.netlm.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;

/** Development-only: interleaved comparison of session strategies (CPU time per op, robust to a busy machine). */
public class Explore {
    static KieBase classic(String dir) throws Exception {
        return KieBaseFactory.build(RuleSource.fromDirectory(Path.of(dir)));
    }

    static KieBase execModel() throws Exception {
        return execModel("rules");
    }

    static KieBase execModel(String dir) throws Exception {
        RuleSource src = RuleSource.fromDirectory(Path.of(dir));
        KieServices ks = KieServices.Factory.get();
        ReleaseId rid = ks.newReleaseId("org.netlm.gen", "x" + UUID.randomUUID(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(rid);
        for (RuleSource.DrlFile f : src.drlFiles()) {
            kfs.write("src/main/resources/org/netlm/rules/" + f.path(), f.content());
        }
        KieBuilder b = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        if (b.getResults().hasMessages(Message.Level.ERROR)) throw new IllegalStateException(b.getResults().toString());
        return ks.newKieContainer(rid).getKieBase();
    }

    interface Op { Object run(PatientCase p); }

    static List<PatientCase> patients() throws Exception {
        List<PatientCase> out = new ArrayList<>();
        for (Scenario s : ScenarioFiles.load(List.of(Path.of("src/test/resources/scenarios/examples")))) {
            try { out.add(PatientJson.fromTree(s.patient())); } catch (RuntimeException e) { }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<PatientCase> ps = System.getProperty("random") != null ? org.netlm.testing.Patients.sample(42, 1000) : patients();
        int rounds = Integer.parseInt(args[0]);
        List<String> wanted = Arrays.asList(args).subList(1, args.length);
        KieBase kb = engine.kieBase();
        KieBase ekb = wanted.stream().anyMatch(w -> w.startsWith("exec")) ? execModel() : null;
        KieSessionsPool pool = kb.newKieSessionsPool(1);
        KieSessionsPool epool = ekb == null ? null : ekb.newKieSessionsPool(1);
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("engine", engine::assess);
        ops.put("engine-noexpl", p -> engine.assess(p, AssessOptions.withoutExplanations()));
        NetlmEngine classicEngine = NetlmEngine.fromDirectory(Path.of("rules"));
        ops.put("classic-engine", classicEngine::assess);
        KieSessionsPool ppool = NetlmEngine.loadBundled().kieBase().newKieSessionsPool(1);
        ops.put("pre-pool", p -> { KieSession k = ppool.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("naive", p -> { org.kie.api.runtime.StatelessKieSession s = kb.newStatelessKieSession(); FiringRecorder r = new FiringRecorder();
            s.addEventListener(r.agendaListener); s.addEventListener(r.runtimeListener);
            org.kie.api.runtime.ExecutionResults res = s.execute(org.kie.internal.command.CommandFactory.newBatchExecution(List.of(
                org.kie.internal.command.CommandFactory.newInsert(p), org.kie.internal.command.CommandFactory.newFireAllRules(),
                org.kie.internal.command.CommandFactory.newGetObjects("facts"))));
            return classicEngine.collect(p, new ArrayList<>((java.util.Collection<Object>) res.getValue("facts")), r, AssessOptions.DEFAULT); });
        ops.put("new", p -> { KieSession k = kb.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("pool", p -> { KieSession k = pool.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("new+rec", p -> { KieSession k = kb.newKieSession(); FiringRecorder r = new FiringRecorder();
            k.addEventListener(r.agendaListener); k.addEventListener(r.runtimeListener); k.insert(p); k.fireAllRules(); k.dispose(); return r; });
        ops.put("new+objs", p -> { KieSession k = kb.newKieSession(); k.insert(p); k.fireAllRules(); Object o = new ArrayList<>(k.getObjects()); k.dispose(); return o; });
        ops.put("exec-new", p -> { KieSession k = ekb.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("exec-pool", p -> { KieSession k = epool.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        for (String w : wanted) {
            if (w.startsWith("engine:")) {
                NetlmEngine de = NetlmEngine.fromDirectory(Path.of(w.substring(7)));
                ops.put(w, de::assess);
            }
            if (w.startsWith("execpool:")) {
                KieSessionsPool xp = execModel(w.substring(9)).newKieSessionsPool(1);
                ops.put(w, p -> { KieSession k = xp.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
            }
            if (w.startsWith("dir:")) {
                KieSessionsPool dp = classic(w.substring(4)).newKieSessionsPool(1);
                ops.put(w, p -> { KieSession k = dp.newKieSession(); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
            }
        }
        org.kie.api.runtime.KieSessionConfiguration dconf = KieServices.Factory.get().newKieSessionConfiguration();
        dconf.setOption(org.kie.api.runtime.conf.DirectFiringOption.YES);
        ops.put("direct-new", p -> { KieSession k = kb.newKieSession(dconf, null); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("direct-pool", p -> { KieSession k = pool.newKieSession(dconf); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("direct-pool-objs", p -> { KieSession k = pool.newKieSession(dconf); k.insert(p); int n = k.fireAllRules(); Object o = new ArrayList<>(k.getObjects()); k.dispose(); return o; });
        ops.put("pool-objs", p -> { KieSession k = pool.newKieSession(); k.insert(p); int n = k.fireAllRules(); Object o = new ArrayList<>(k.getObjects()); k.dispose(); return o; });
        org.kie.api.runtime.KieSessionConfiguration uconf = KieServices.Factory.get().newKieSessionConfiguration();
        uconf.setOption(org.kie.api.runtime.conf.ThreadSafeOption.NO);
        org.kie.api.runtime.KieSessionConfiguration udconf = KieServices.Factory.get().newKieSessionConfiguration();
        udconf.setOption(org.kie.api.runtime.conf.ThreadSafeOption.NO);
        udconf.setOption(org.kie.api.runtime.conf.DirectFiringOption.YES);
        ops.put("unsafe-new", p -> { KieSession k = kb.newKieSession(uconf, null); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("unsafe-pool", p -> { KieSession k = pool.newKieSession(uconf); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.put("unsafe-direct-pool", p -> { KieSession k = pool.newKieSession(udconf); k.insert(p); int n = k.fireAllRules(); k.dispose(); return n; });
        ops.keySet().retainAll(wanted);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, double[]> res = new LinkedHashMap<>();
        ops.keySet().forEach(k -> res.put(k, new double[rounds]));
        Object sink = null;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Op> e : ops.entrySet()) {
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                while (System.nanoTime() - t0 < 500_000_000L) {
                    for (PatientCase p : ps) { sink = e.getValue().run(p); n++; }
                }
                res.get(e.getKey())[round] = (mx.getCurrentThreadCpuTime() - c0) / 1000.0 / n;
            }
        }
        for (Map.Entry<String, double[]> e : res.entrySet()) {
            double[] last = Arrays.copyOfRange(e.getValue(), rounds / 2, rounds);
            Arrays.sort(last);
            System.out.printf("RESULT %-12s median cpu %.1f us/op  min %.1f%n", e.getKey(), last[last.length / 2], last[0]);
        }
        System.out.println(sink != null);
    }
}
