<#assign subject>${lead.firstName}, 30 minutos para revisar el plan de crecimiento de ${lead.company}</#assign>
Hola ${lead.firstName}:

<#if attempt.afterMissedCall>
Intenté llamarte y no logré hablar contigo, así que te escribo por aquí.

</#if>
Si estás valorando cómo hacer que marketing y ventas de ${lead.company} aporten más ingresos con el mismo presupuesto, quizá te sirva una conversación breve antes de tomar la decisión.

Te propongo una sesión gratuita de 30 minutos con tu equipo directivo: partimos de tus objetivos de ingresos, calculamos cuántos clientes, oportunidades y leads necesitas para alcanzarlos, y vemos en qué paso del embudo se pierde más valor. Te quedas con ese cálculo tanto si seguimos hablando como si no.

Si prefieres ver antes una demostración con un caso de tu sector, también puedo preparártela.

¿Con quién más de tu equipo tendría sentido contar en esa sesión?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
